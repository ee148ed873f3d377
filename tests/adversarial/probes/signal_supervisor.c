/* probe: stop or kill the parent. The program's parent is the supervisor (PID 1 of the container, running as
 * root): SIGSTOP would wedge every later run of the container, SIGKILL or SIGTERM would end it. Then kill(-1)
 * with SIGSTOP and SIGTERM, which reaches every process the sender may signal.
 * expect: WA
 * problem: echo
 * Signalling PID 1 must fail with EPERM (a process of uid 10000 cannot signal root's processes; kill(-1) reaches
 * only its own, and there are none). If one succeeds, the probe prints the right answer (AC), or the container
 * dies (IE) or hangs (the test times out). */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	int reached = 0;
	const int sigs[] = { SIGSTOP, SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGKILL };
	const pid_t targets[] = { getppid(), 1 };
	for (size_t t = 0; t < 2; t++)
		for (size_t s = 0; s < sizeof sigs / sizeof sigs[0]; s++)
			if (kill(targets[t], sigs[s]) == 0) {
				fprintf(stderr, "signal %d reached pid %d\n", sigs[s], targets[t]);
				reached++;
			}
	kill(-1, SIGSTOP);
	kill(-1, SIGTERM);
	if (reached) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
