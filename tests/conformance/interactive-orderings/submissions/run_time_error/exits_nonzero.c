/* One guess, one reply, then exit code 3. Expected: RE. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char reply[4];
    printf("50\n");
    fflush(stdout);
    if (scanf("%3s", reply) != 1) return 0;
    exit(3);
}
