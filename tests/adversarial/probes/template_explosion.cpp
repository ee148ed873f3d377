// probe: compile bomb by template explosion: every Fan<N, M> instantiates two distinct Fan<N - 1, ...>, so
// Fan<40, 0> needs 2^40 instantiations, well within the template depth limit (40). The compiler's memory grows
// until the compile time or memory limit stops it.
// expect: CE
// problem: echo
// Any compile limit ends it as CE with a message saying which; a judge that waited for it would hang.
template <int N, unsigned long long M> struct Fan {
    static constexpr unsigned long long value = Fan<N - 1, 2 * M>::value + Fan<N - 1, 2 * M + 1>::value;
};
template <unsigned long long M> struct Fan<0, M> {
    static constexpr unsigned long long value = M;
};

int main() { return Fan<40, 0>::value == 0; }
