/* probe: a heap hog that takes all its memory in one system call: mmap of 1 GiB with MAP_POPULATE, so the pages
 * are resident before the call returns and no loop gives the supervisor's 5 ms poll a chance between steps.
 * Killed during the call at the 64 MiB limit, or by the container's memory ceiling (the OOM killer).
 * expect: MLE
 * problem: echo */
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 1ul << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED) return 1;
	puts("survived");
	return 0;
}
