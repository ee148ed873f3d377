/* Accepts one integer x with a <= x <= b (a and b from the input). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    char path[4096];
    long long a, b, x;
    char extra[2];
    FILE *input = argc > 3 ? fopen(argv[1], "r") : NULL;
    if (input == NULL || fscanf(input, "%lld %lld", &a, &b) != 2) return 1;
    snprintf(path, sizeof path, "%s/judgemessage.txt", argv[3]);
    FILE *message = fopen(path, "w");
    if (message == NULL) return 1;
    if (scanf("%lld", &x) != 1) {
        fprintf(message, "expected an integer\n");
        return 43;
    }
    if (scanf("%1s", extra) == 1) {
        fprintf(message, "more than one token\n");
        return 43;
    }
    if (x < a || x > b) {
        fprintf(message, "%lld is not in [%lld, %lld]\n", x, a, b);
        return 43;
    }
    fprintf(message, "%lld is in range\n", x);
    return 42;
}
