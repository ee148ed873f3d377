/* Probes the output limit: prints the greeting forever.
 * Expected: OLE (stopped once stdout passes the 1 MiB limit, long before the time limit). */
#include <stdio.h>

int main(void) {
    for (;;) {
        fputs("Hello, World!\n", stdout);
    }
}
