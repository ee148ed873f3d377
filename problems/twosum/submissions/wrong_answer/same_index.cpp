// Inserts a[j] before looking up its complement, so 3 + 3 = 6 pairs position 1 with itself.
// Expected: WA (secret test 1-not-itself).
#include <cstdio>
#include <unordered_map>
#include <vector>

int main() {
    int n;
    long long t;
    if (std::scanf("%d %lld", &n, &t) != 2) return 1;
    std::vector<long long> a(n);
    for (long long& x : a) std::scanf("%lld", &x);
    std::unordered_map<long long, int> index;
    for (int j = 0; j < n; j++) {
        index.emplace(a[j], j);
        auto it = index.find(t - a[j]);
        if (it != index.end()) {
            std::printf("%d %d\n", it->second + 1, j + 1);
            return 0;
        }
    }
    std::puts("impossible");
}
