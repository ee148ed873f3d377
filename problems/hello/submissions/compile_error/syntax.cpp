// A C++ syntax error (a missing semicolon). Expected: CE, with g++'s message.
#include <iostream>

int main() {
    std::cout << "Hello, World!\n"
}
