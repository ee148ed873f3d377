/* probe: a stack hog: unbounded recursion with 16 KiB frames, each written so that it is resident. The stack
 * rlimit equals the memory limit, so the stack alone can grow to 64 MiB, and the program's 1 MiB of data puts it
 * over: killed at the memory limit, or by SIGSEGV at the stack rlimit with a peak above the memory limit.
 * expect: MLE
 * problem: echo
 * (A stack rlimit above the memory limit would be caught the same way; one well below it would give RE.) */
#include <stdio.h>
#include <string.h>

static char data[1 << 20];

static unsigned long depth(unsigned long n)
{
	volatile char frame[16 * 1024];
	memset((char *)frame, (int)n, sizeof frame);
	return depth(n + 1) + frame[n % sizeof frame];
}

int main(void)
{
	memset(data, 1, sizeof data);
	printf("%lu\n", depth(0) + (unsigned long)data[12345]);
	return 0;
}
