/* Reads a few numbers, answers 0 and exits 0 while the interactor is still writing: it dies of SIGPIPE.
 * Expected: WA (the program stopped reading), never IE. */
#include <stdio.h>

int main(void) {
    long long value;
    for (int i = 0; i < 100 && scanf("%lld", &value) == 1; i++) {
    }
    printf("0\n");
    return 0;
}
