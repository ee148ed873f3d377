/* Forgets to flush: stdout to a pipe is fully buffered, so the guess sits in the buffer while the
 * program waits for an answer, and the interactor waits for the guess. Neither uses CPU.
 * Expected: TLE (the wall-clock limit ends the deadlock). */
#include <stdio.h>
#include <string.h>

int main(void) {
    long lo = 1, hi = 1000000000;
    char answer[8];
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        printf("%ld\n", mid);
        if (scanf("%7s", answer) != 1 || strcmp(answer, "=") == 0) return 0;
        if (strcmp(answer, "<") == 0) hi = mid - 1; else lo = mid + 1;
    }
    return 0;
}
