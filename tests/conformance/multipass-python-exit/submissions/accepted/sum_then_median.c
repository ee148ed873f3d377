#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(void) {
    static long numbers[100000];
    int pass, n = 0;
    long sum = 0;
    if (scanf("%d", &pass) != 1) return 1;
    while (n < 100000 && scanf("%ld", &numbers[n]) == 1) sum += numbers[n++];
    if (pass == 1) {
        printf("%ld\n", sum);
    } else {
        qsort(numbers, n, sizeof numbers[0], compare);
        printf("%ld\n", numbers[n / 2]);
    }
    return 0;
}
