/* Like keeps_guessing.py in C: once the interactor has rejected and exited, the next write kills the
 * program with SIGPIPE. The rejection came first. Expected: WA. */
#include <stdio.h>

int main(void) {
    for (int guess = 50;; guess = guess % 100 + 1) {
        printf("%d\n", guess);
        fflush(stdout);
    }
}
