/* probe: a fork bomb that uses no CPU: forks until fork fails (the container's pids limit), every process then
 * sleeps. CPU and memory stay low, so only the wall-clock limit ends the run; the supervisor must then kill
 * about 127 processes, with no fork slot left for itself.
 * expect: TLE
 * problem: echo */
#include <unistd.h>

int main(void)
{
	while (fork() >= 0) {
	}
	for (;;) pause();
}
