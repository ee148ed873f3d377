/* Probes the CPU time limit: spins forever without printing anything.
 * Expected: TLE (killed when it has used the 1 s of CPU time). */
int main(void) {
    volatile unsigned long counter = 0;
    for (;;) {
        counter++;
    }
}
