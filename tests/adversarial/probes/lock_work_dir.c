/* probe: a program that takes every permission away from its own directory (/work, which it owns) after printing
 * the right answer on the first test case. The next test case cannot enter /work: the program's own doing, so the
 * verdict must be the student's (RE), not an internal error; the reset after the submission must still clean
 * /work and give it back its mode.
 * expect: RE
 * problem: echo */
#include <stdio.h>
#include <sys/stat.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	fwrite(input, 1, n, stdout);
	chmod("/work", 0);
	return 0;
}
