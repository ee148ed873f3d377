/*
 * A small output-validator support header in the style of problemtools' validate.h: the streams of the
 * Kattis validator protocol (validator input judge_answer feedback_dir < team_output) and the two ways out.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

const int EXITCODE_AC = 42;
const int EXITCODE_WA = 43;

std::ifstream judge_in, judge_ans;
std::istream &author_out = std::cin;
static FILE *judge_message = nullptr;

/* Opens the input, the judge's answer and feedback_dir/judgemessage.txt. */
inline void init_io(int argc, char **argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s judge_in judge_ans feedback_dir < team_out\n", argv[0]);
        std::exit(1);
    }
    judge_in.open(argv[1]);
    judge_ans.open(argv[2]);
    std::string feedback = argv[3];
    judge_message = std::fopen((feedback + "/judgemessage.txt").c_str(), "w");
    if (!judge_in || !judge_ans || judge_message == nullptr) {
        std::fprintf(stderr, "cannot open the validator's files\n");
        std::exit(1);
    }
}

[[noreturn]] inline void accept() {
    std::fclose(judge_message);
    std::exit(EXITCODE_AC);
}

[[noreturn]] inline void wrong_answer(const char *format, ...) {
    va_list args;
    va_start(args, format);
    std::vfprintf(judge_message, format, args);
    va_end(args);
    std::fputc('\n', judge_message);
    std::fclose(judge_message);
    std::exit(EXITCODE_WA);
}

#endif
