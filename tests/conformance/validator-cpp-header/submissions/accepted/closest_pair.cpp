// The factor pair closest to the square root (what the .ans files hold), with a, b in order.
#include <cmath>
#include <cstdio>

int main() {
    unsigned long long n;
    if (std::scanf("%llu", &n) != 1) return 1;
    unsigned long long a = (unsigned long long)std::sqrt((long double)n);
    while (a * a > n) a--;
    while (n % a != 0) a--;
    std::printf("%llu %llu\n", a, n / a);
}
