// Accepts any factorization a * b = n with 1 < a <= b < n.
#include "validate.h"

int main(int argc, char **argv) {
    init_io(argc, argv);
    unsigned long long n;
    judge_in >> n;
    long long a, b;
    if (!(author_out >> a >> b)) wrong_answer("expected two integers");
    std::string extra;
    if (author_out >> extra) wrong_answer("more output than two integers");
    if (a <= 1 || b < a || (unsigned long long)b >= n) wrong_answer("need 1 < a <= b < n, got %lld %lld", a, b);
    if ((unsigned __int128)a * (unsigned long long)b != n) wrong_answer("%lld * %lld is not %llu", a, b, n);
    accept();
}
