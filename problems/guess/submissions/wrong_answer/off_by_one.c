/* Off by one: the search range stops at 10^9 - 1, so 10^9 is never guessed; once the range is
 * empty the program gives up. Expected: WA (secret test 2, hidden number 10^9). */
#include <stdio.h>
#include <string.h>

int main(void) {
    long lo = 1, hi = 999999999;
    char answer[8];
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        printf("%ld\n", mid);
        fflush(stdout);
        if (scanf("%7s", answer) != 1 || strcmp(answer, "=") == 0) return 0;
        if (strcmp(answer, "<") == 0) hi = mid - 1; else lo = mid + 1;
    }
    return 0;
}
