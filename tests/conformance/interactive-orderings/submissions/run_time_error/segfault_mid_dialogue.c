/* Two guesses, then a null-pointer write (SIGSEGV) while the interactor waits. Expected: RE. */
#include <stdio.h>

int main(void) {
    char reply[4];
    for (int i = 0; i < 2; i++) {
        printf("%d\n", 50 + i);
        fflush(stdout);
        if (scanf("%3s", reply) != 1) return 0;
    }
    volatile int *nowhere = NULL;
    *nowhere = 1;
    return 0;
}
