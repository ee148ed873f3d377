/* Probes the exit code: prints the right answer, then exits with status 3.
 * Expected: RE (a non-zero exit code fails the test even though the output is right). */
#include <stdio.h>

int main(void) {
    puts("Hello, World!");
    return 3;
}
