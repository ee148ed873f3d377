// Input validator (judge-cli verify runs it on every test input): one line holding n, a composite number
// with 4 <= n <= 10^18. Reading is strict_input.h's, beside it; primality is a deterministic Miller-Rabin.
#include "strict_input.h"

typedef unsigned long long u64;

static u64 multiply(u64 a, u64 b, u64 m) { return static_cast<unsigned __int128>(a) * b % m; }

static u64 power(u64 base, u64 exponent, u64 m) {
    u64 result = 1;
    for (base %= m; exponent > 0; exponent >>= 1, base = multiply(base, base, m))
        if (exponent & 1) result = multiply(result, base, m);
    return result;
}

// Exact for every n < 3.3 * 10^24 with these bases.
static bool is_prime(u64 n) {
    const u64 bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    if (n < 2) return false;
    for (u64 p : bases) if (n % p == 0) return n == p;
    u64 d = n - 1;
    int s = 0;
    for (; d % 2 == 0; d /= 2) s++;
    for (u64 a : bases) {
        u64 x = power(a, d, n);
        if (x == 1 || x == n - 1) continue;
        bool composite = true;
        for (int r = 1; r < s && composite; r++) {
            x = multiply(x, x, n);
            if (x == n - 1) composite = false;
        }
        if (composite) return false;
    }
    return true;
}

int main() {
    read_input();
    long long n = read_integer(4, 1000000000000000000LL);
    if (is_prime(static_cast<u64>(n))) reject_input("%lld is prime, not composite", n);
    read_newline();
    read_end();
    accept_input();
}
