/* Probes the memory limit: allocates 1 MiB blocks forever and writes to every byte, so the memory
 * is really resident (untouched malloc'ed memory costs nothing and would not trip the limit).
 * Expected: MLE (killed once its resident memory passes the 128 MiB limit). */
#include <stdlib.h>
#include <string.h>

int main(void) {
    for (unsigned char fill = 1;; fill++) {
        unsigned char *block = malloc(1 << 20);
        if (block == NULL) {
            return 1;
        }
        memset(block, fill, 1 << 20);
    }
}
