// The sum overflows a 32-bit int on the large secret test.
#include <iostream>

int main() {
    int total = 0, value;
    while (std::cin >> value) total += value;
    std::cout << total << '\n';
}
