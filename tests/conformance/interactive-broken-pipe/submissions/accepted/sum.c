#include <stdio.h>

int main(void) {
    long long n, value, sum = 0;
    if (scanf("%lld", &n) != 1) return 1;
    for (long long i = 0; i < n && scanf("%lld", &value) == 1; i++) sum += value;
    printf("%lld\n", sum);
    return 0;
}
