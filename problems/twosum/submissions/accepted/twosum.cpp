#include <cstdio>
#include <unordered_map>
#include <vector>

int main() {
    int n;
    long long t;
    if (std::scanf("%d %lld", &n, &t) != 2) return 1;
    std::vector<long long> a(n);
    for (long long& x : a) std::scanf("%lld", &x);
    // Look up the complement before inserting a[j], so that a position is never paired with itself.
    std::unordered_map<long long, int> firstIndex;
    for (int j = 0; j < n; j++) {
        auto it = firstIndex.find(t - a[j]);
        if (it != firstIndex.end()) {
            std::printf("%d %d\n", it->second + 1, j + 1);
            return 0;
        }
        firstIndex.emplace(a[j], j);
    }
    std::puts("impossible");
}
