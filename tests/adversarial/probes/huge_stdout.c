/* probe: huge stdout in one system call: a single write(2) of 16 MiB, far beyond the 1 MiB output limit. The file
 * size rlimit cuts it at the limit (SIGXFSZ), so neither the container's disk nor the result grows.
 * expect: OLE
 * problem: echo */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	size_t size = 16u << 20;
	char *p = malloc(size);
	memset(p, 'y', size);
	(void)!write(1, p, size);
	return 0;
}
