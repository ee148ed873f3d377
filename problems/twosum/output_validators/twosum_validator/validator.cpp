// Output validator for Two Sum (Kattis interface):
//   validator input_file judge_answer_file feedback_dir [flags] < team_output
// Exit 42: accepted, 43: wrong answer, anything else: the judge's own fault (bad test data).
// The reason for a verdict goes to feedback_dir/judgemessage.txt.
//
// The team output is untrusted: it is read as raw bytes with a size cap, every byte is checked,
// and numbers are parsed by hand, so that garbage, huge numbers or binary output give a clean WA.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const int kAccepted = 42;
const int kWrongAnswer = 43;
const int kJudgeError = 1;
const size_t kMaxTeamOutputBytes = 1 << 16;  // a right answer is at most a few dozen bytes

std::string feedbackDir;

void writeJudgeMessage(const std::string& message) {
    std::string path = feedbackDir;
    if (!path.empty() && path.back() != '/') path += '/';
    path += "judgemessage.txt";
    std::ofstream out(path, std::ios::app);
    out << message << '\n';
}

[[noreturn]] void accept(const std::string& reason) {
    writeJudgeMessage(reason);
    std::exit(kAccepted);
}

[[noreturn]] void wrongAnswer(const std::string& reason) {
    writeJudgeMessage(reason);
    std::exit(kWrongAnswer);
}

// Broken test data is not the team's fault: fail loudly, with neither 42 nor 43.
[[noreturn]] void judgeError(const std::string& reason) {
    std::cerr << "judge error: " << reason << '\n';
    writeJudgeMessage("judge error: " + reason);
    std::exit(kJudgeError);
}

struct Instance {
    long long target = 0;
    std::vector<long long> values;
};

Instance readInstance(const char* path) {
    std::ifstream in(path);
    Instance instance;
    size_t n = 0;
    if (!(in >> n >> instance.target) || n < 2) judgeError("cannot read n and t from the input file");
    instance.values.resize(n);
    for (long long& value : instance.values) {
        if (!(in >> value)) judgeError("input file has fewer than n values");
    }
    return instance;
}

// Whitespace-separated tokens of the team output; WA on anything that is not printable ASCII.
std::vector<std::string> readTeamTokens() {
    std::vector<std::string> tokens;
    std::string current;
    size_t bytes = 0;
    int c;
    while ((c = std::getchar()) != EOF) {
        if (++bytes > kMaxTeamOutputBytes) wrongAnswer("output too long");
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            if (!current.empty()) tokens.push_back(current);
            current.clear();
        } else if (c > ' ' && c < 127) {
            current += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", c);
            wrongAnswer(std::string("unexpected byte ") + hex + " in the output");
        }
    }
    if (!current.empty()) tokens.push_back(current);
    return tokens;
}

// An index in 1..n written as plain decimal digits; 0 for anything else.
size_t parseIndex(const std::string& token, size_t n) {
    if (token.empty() || token.size() > 9) return 0;
    size_t value = 0;
    for (char c : token) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
        value = value * 10 + static_cast<size_t>(c - '0');
    }
    return value <= n ? value : 0;
}

// Why (i, j) is not a valid pair, or "" if it is. Indices are 1-based and already in range.
std::string checkPair(const Instance& instance, size_t i, size_t j) {
    if (i == j) return "both indices are " + std::to_string(i) + ": the positions must differ";
    long long sum = instance.values[i - 1] + instance.values[j - 1];
    if (sum != instance.target) {
        return "a_" + std::to_string(i) + " + a_" + std::to_string(j) + " = " + std::to_string(sum) +
               ", not " + std::to_string(instance.target);
    }
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: " << argv[0] << " input_file judge_answer_file feedback_dir < team_output\n";
        return kJudgeError;
    }
    feedbackDir = argv[3];
    const Instance instance = readInstance(argv[1]);
    const size_t n = instance.values.size();

    // The judge's answer only tells whether a pair exists; it is checked like a team answer.
    std::ifstream judgeAnswer(argv[2]);
    std::string first, second;
    if (!(judgeAnswer >> first)) judgeError("empty judge answer");
    const bool pairExists = first != "impossible";
    if (pairExists) {
        judgeAnswer >> second;
        size_t i = parseIndex(first, n), j = parseIndex(second, n);
        if (i == 0 || j == 0 || !checkPair(instance, i, j).empty()) judgeError("judge answer is not a valid pair");
    }

    const std::vector<std::string> tokens = readTeamTokens();
    if (tokens.empty()) wrongAnswer("empty output");
    if (tokens[0] == "impossible") {
        if (tokens.size() > 1) wrongAnswer("unexpected output after \"impossible\"");
        if (pairExists) wrongAnswer("answered impossible, but a pair exists");
        accept("no pair exists indeed");
    }
    if (tokens.size() == 1) {
        wrongAnswer("expected two indices or \"impossible\", got only \"" + tokens[0].substr(0, 20) + "\"");
    }
    if (tokens.size() > 2) wrongAnswer("expected two indices, got " + std::to_string(tokens.size()) + " tokens");
    const size_t i = parseIndex(tokens[0], n), j = parseIndex(tokens[1], n);
    for (size_t k = 0; k < 2; k++) {
        if ((k == 0 ? i : j) == 0) {
            std::string shown = tokens[k].substr(0, 20);
            wrongAnswer("\"" + shown + "\" is not an index between 1 and " + std::to_string(n));
        }
    }
    const std::string problem = checkPair(instance, i, j);
    if (!problem.empty()) wrongAnswer(problem);
    if (!pairExists) judgeError("team found a valid pair, but the judge answer says impossible");
    accept("valid pair");
}
