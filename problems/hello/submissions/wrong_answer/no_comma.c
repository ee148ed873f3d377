/* Forgets the comma: "Hello" and "Hello," are different tokens. */
#include <stdio.h>

int main(void) {
    puts("Hello World!");
    return 0;
}
