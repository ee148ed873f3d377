/* probe: a program that stops itself after printing the right answer. A stopped process neither exits nor uses
 * CPU; a supervisor that waited for it without a wall clock would wait forever.
 * expect: TLE
 * problem: echo */
#include <signal.h>
#include <stdio.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	fwrite(input, 1, n, stdout);
	fflush(stdout);
	raise(SIGSTOP);
	return 0;
}
