// Interactor for Guess the Number (Kattis interactive interface):
//   validator input_file judge_answer_file feedback_dir < program_output > program_input
// The input file holds the hidden number. Exit 42: found within 30 guesses; 43: wrong answer
// (bad guess, too many guesses, protocol violation); anything else: the judge's own fault.
// The reason for a verdict goes to feedback_dir/judgemessage.txt.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

const int kAccepted = 42;
const int kWrongAnswer = 43;
const int kJudgeError = 1;
const long long kMaxNumber = 1000000000;
const int kMaxGuesses = 30;
const size_t kMaxTokenLength = 32;

std::string feedbackDir;

void writeJudgeMessage(const std::string& message) {
    std::string path = feedbackDir;
    if (!path.empty() && path.back() != '/') path += '/';
    path += "judgemessage.txt";
    std::ofstream out(path, std::ios::app);
    out << message << '\n';
}

[[noreturn]] void finish(int code, const std::string& message) {
    writeJudgeMessage(message);
    std::exit(code);
}

[[noreturn]] void wrongAnswer(const std::string& reason) { finish(kWrongAnswer, reason); }

std::string guessesText(int count) { return std::to_string(count) + (count == 1 ? " guess" : " guesses"); }

bool isSpace(int c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// The next whitespace-separated token of the program's output; "" at end of file. Reading stops
// early on overlong tokens and unprintable bytes, so that garbage cannot make the judge wait or grow.
std::string readToken() {
    int c;
    while ((c = std::getchar()) != EOF && isSpace(c)) {
    }
    std::string token;
    while (c != EOF && !isSpace(c)) {
        if (c <= ' ' || c >= 127) wrongAnswer("unexpected byte " + std::to_string(c) + " in the output");
        token += static_cast<char>(c);
        if (token.size() > kMaxTokenLength) wrongAnswer("guess \"" + token + "...\" is far too long");
        c = std::getchar();
    }
    return token;
}

// A guess in 1..10^9 written as plain decimal digits; 0 for anything else.
long long parseGuess(const std::string& token) {
    if (token.empty() || token.size() > 10) return 0;
    long long value = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return 0;
        value = value * 10 + (c - '0');
    }
    return value <= kMaxNumber ? value : 0;
}

void reply(const char* answer) {
    // The program waits for this line: flush at once. A write error means the program is gone;
    // the next read then sees end of file and reports it.
    std::printf("%s\n", answer);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: " << argv[0] << " input_file judge_answer_file feedback_dir\n";
        return kJudgeError;
    }
    // Writing to a program that has exited must not kill the interactor: that would be a judge
    // error instead of the program's wrong answer.
    std::signal(SIGPIPE, SIG_IGN);
    feedbackDir = argv[3];

    long long hidden = 0;
    std::ifstream input(argv[1]);
    if (!(input >> hidden) || hidden < 1 || hidden > kMaxNumber) {
        std::cerr << "judge error: the input file must hold a number between 1 and 10^9\n";
        return kJudgeError;
    }

    for (int guesses = 1;; guesses++) {
        const std::string token = readToken();
        if (token.empty()) {
            wrongAnswer("the program ended after " + guessesText(guesses - 1) + " without finding the number");
        }
        const long long guess = parseGuess(token);
        if (guess == 0) wrongAnswer("guess " + std::to_string(guesses) + ": \"" + token + "\" is not an integer between 1 and 10^9");
        if (guesses > kMaxGuesses) wrongAnswer("more than " + guessesText(kMaxGuesses));
        if (guess == hidden) {
            reply("=");
            if (!readToken().empty()) wrongAnswer("the program printed more after the number was found");
            finish(kAccepted, "found " + std::to_string(hidden) + " in " + guessesText(guesses));
        }
        reply(hidden < guess ? "<" : ">");
    }
}
