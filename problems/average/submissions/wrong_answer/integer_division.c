/* Divides two integers: the fraction is lost (7 / 3 = 2, not 2.333...). Expected: WA. */
#include <stdio.h>

int main(void) {
    int n;
    long long sum = 0;
    scanf("%d", &n);
    for (int i = 0; i < n; i++) {
        int x;
        scanf("%d", &x);
        sum += x;
    }
    printf("%lld\n", sum / n);
    return 0;
}
