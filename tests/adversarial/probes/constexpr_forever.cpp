// probe: a compiler that never ends: a constant expression of 4 * 10^10 loop iterations. Each loop stays under
// gcc's constexpr loop limit and the whole under its operation limit only after hours, using almost no memory:
// only the compile time limit stops it.
// expect: CE
// problem: echo
constexpr unsigned long long spin() {
    unsigned long long sum = 0;
    for (unsigned long long i = 0; i < 200000; i++)
        for (unsigned long long j = 0; j < 200000; j++) sum += i ^ j;
    return sum;
}

constexpr unsigned long long value = spin();

int main() { return value == 0; }
