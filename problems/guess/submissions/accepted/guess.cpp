#include <iostream>
#include <string>

int main() {
    long long lo = 1, hi = 1000000000;
    while (lo <= hi) {
        long long mid = lo + (hi - lo) / 2;
        std::cout << mid << std::endl;  // endl flushes: the judge must see the guess now
        std::string answer;
        if (!(std::cin >> answer) || answer == "=") return 0;
        if (answer == "<") hi = mid - 1; else lo = mid + 1;
    }
}
