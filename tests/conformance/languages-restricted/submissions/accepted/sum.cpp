#include <iostream>

int main() {
    long long total = 0, value;
    while (std::cin >> value) total += value;
    std::cout << total << '\n';
}
