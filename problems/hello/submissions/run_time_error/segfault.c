/* Probes a crash by signal: writes through a null pointer. Both the address and the store are
 * volatile, so that the optimiser can neither see the null coming nor drop the store.
 * Expected: RE (SIGSEGV). */
#include <stdint.h>

int main(void) {
    volatile uintptr_t address = 0;
    *(volatile int *)address = 42;
    return 0;
}
