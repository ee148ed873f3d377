/* Probes process containment: every process forks forever, and keeps spinning when fork fails
 * because the container's pids limit is reached. The CPU time of all the processes is counted
 * together, and every process of the run is killed at its end, so none may survive the run.
 * Expected: TLE (the run's CPU time passes 1 s within a fraction of a second). */
#include <unistd.h>

int main(void) {
    for (;;) {
        fork();
    }
}
