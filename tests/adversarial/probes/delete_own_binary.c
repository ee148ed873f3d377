/* probe: a program that deletes its own executable after printing the right answer on the first test case. The
 * next test case cannot start it: that is the program's own doing, so the verdict must be the student's (RE), not
 * an internal error of the judge (and no container should be thrown away for it).
 * expect: RE
 * problem: echo */
#include <stdio.h>
#include <unistd.h>

static char input[1 << 21];

int main(int argc, char **argv)
{
	(void)argc;
	size_t n = fread(input, 1, sizeof input, stdin);
	fwrite(input, 1, n, stdout);
	unlink(argv[0]);
	return 0;
}
