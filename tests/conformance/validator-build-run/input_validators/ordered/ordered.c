/*
 * Input validator: exactly one line "a b", two integers written plainly (no '+', no leading zero, no "-0")
 * separated by one space, with a <= b, each fitting in 64 bits, and nothing after the line's '\n'.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reject(const char *why, const char *token) {
    fprintf(stderr, "%s: \"%s\"\n", why, token);
    exit(43);
}

/* The token from `text` up to `end` (exclusive), as an integer. */
static long long integer(const char *text, const char *end) {
    char token[32];
    size_t length = (size_t)(end - text);
    if (length == 0 || length >= sizeof token) reject("expected an integer", length == 0 ? "" : "(too long)");
    memcpy(token, text, length);
    token[length] = '\0';
    const char *digits = token[0] == '-' ? token + 1 : token;
    if (*digits == '\0' || strspn(digits, "0123456789") != strlen(digits) || (digits[0] == '0' && digits[1] != '\0') ||
        strcmp(token, "-0") == 0)
        reject("expected an integer written plainly", token);
    errno = 0;
    long long value = strtoll(token, NULL, 10);
    if (errno == ERANGE) reject("does not fit in 64 bits", token);
    return value;
}

int main(void) {
    static char input[256];
    size_t size = fread(input, 1, sizeof input - 1, stdin);
    if (size == sizeof input - 1) reject("the input is longer than one short line", "...");
    input[size] = '\0';
    if (strlen(input) != size) reject("the input holds a NUL byte", "");
    char *space = strchr(input, ' ');
    char *newline = strchr(input, '\n');
    if (space == NULL || newline == NULL || space > newline) reject("expected \"a b\" on one line", input);
    if (newline + 1 != input + size) reject("expected nothing after the first line", newline + 1);
    long long a = integer(input, space);
    long long b = integer(space + 1, newline);
    if (a > b) {
        fprintf(stderr, "a = %lld is greater than b = %lld\n", a, b);
        return 43;
    }
    return 42;
}
