#include <cstdio>

int main() {
    int t;
    if (std::scanf("%d", &t) != 1) return 1;
    while (t--) {
        // |a + b| <= 2 * 10^18 < 2^63 - 1: 64 bits are enough.
        long long a, b;
        std::scanf("%lld %lld", &a, &b);
        std::printf("%lld\n", a + b);
    }
}
