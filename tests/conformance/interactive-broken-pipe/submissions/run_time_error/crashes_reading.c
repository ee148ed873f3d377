/* Reads a few numbers and aborts (SIGABRT) while the interactor is still writing. Expected: RE. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    long long value;
    for (int i = 0; i < 100 && scanf("%lld", &value) == 1; i++) {
    }
    abort();
}
