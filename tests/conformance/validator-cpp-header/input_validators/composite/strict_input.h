/*
 * Strict reading of a test input from stdin, for input validators (exit 42: valid; 43: invalid, with the
 * reason on stderr). Every byte counts: one space between tokens, '\n' line ends, nothing after the end.
 */
#ifndef STRICT_INPUT_H
#define STRICT_INPUT_H

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <iostream>
#include <string>

const int EXIT_VALID = 42;
const int EXIT_INVALID = 43;

static std::string input_text;
static std::size_t input_at = 0;
static int input_line = 1;

inline void read_input() {
    input_text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

[[noreturn]] inline void accept_input() { std::exit(EXIT_VALID); }

[[noreturn]] inline void reject_input(const char *format, ...) {
    std::fprintf(stderr, "line %d: ", input_line);
    va_list args;
    va_start(args, format);
    std::vfprintf(stderr, format, args);
    va_end(args);
    std::fputc('\n', stderr);
    std::exit(EXIT_INVALID);
}

/* A decimal integer in [low, high] written plainly: an optional '-', digits, no leading zero, no "-0". */
inline long long read_integer(long long low, long long high) {
    std::size_t end = input_at;
    while (end < input_text.size() && input_text[end] != ' ' && input_text[end] != '\n') end++;
    std::string token = input_text.substr(input_at, end - input_at);
    std::size_t digits = token.size() > 0 && token[0] == '-' ? 1 : 0;
    bool plain = token.size() > digits && token.find_first_not_of("0123456789", digits) == std::string::npos &&
                 !(token[digits] == '0' && token.size() > digits + 1) && token != "-0";
    if (!plain) reject_input("expected an integer, got \"%s\"", token.c_str());
    errno = 0;
    long long value = std::strtoll(token.c_str(), nullptr, 10);
    if (errno == ERANGE || value < low || value > high) reject_input("%s is not between %lld and %lld", token.c_str(), low, high);
    input_at = end;
    return value;
}

inline void read_newline() {
    if (input_at >= input_text.size() || input_text[input_at] != '\n') reject_input("expected the end of the line");
    input_at++;
    input_line++;
}

inline void read_end() {
    if (input_at != input_text.size()) reject_input("expected the end of the input");
}

#endif
