// Interactor: validator input judge_answer feedback_dir. Writes "n" and then n numbers (a few hundred
// KiB: more than a pipe holds, so a program that stops reading blocks it), then expects their sum.
// SIGPIPE keeps its default disposition on purpose: writing to a program that has quit kills this
// interactor, as it would many published ones, and the judge must blame the program for it.
#include <cstdio>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 4) return 1;
    long long n = 0;
    std::ifstream(argv[1]) >> n;
    std::FILE* message = std::fopen((std::string(argv[3]) + "judgemessage.txt").c_str(), "w");
    long long sum = 0;
    std::printf("%lld\n", n);
    for (long long i = 1; i <= n; i++) {
        long long value = i * 7919 % 100003;
        sum += value;
        std::printf("%lld\n", value);
    }
    std::fflush(stdout);
    long long answer = 0;
    if (std::scanf("%lld", &answer) != 1) {
        std::fprintf(message, "no sum\n");
        return 43;
    }
    if (answer != sum) {
        std::fprintf(message, "expected %lld, got %lld\n", sum, answer);
        return 43;
    }
    std::fprintf(message, "sum of %lld numbers\n", n);
    return 42;
}
