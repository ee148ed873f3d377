/* Uses 32-bit ints: right on group 1 (30 points), wrong on group 2, whose values do not fit.
 * Expected: WA with a score of 30.
 * @EXPECTED_SCORE@: 30 */
#include <stdio.h>

int main(void) {
    int t, a, b;
    scanf("%d", &t);
    while (t--) {
        scanf("%d %d", &a, &b);
        printf("%d\n", a + b);
    }
    return 0;
}
