/* probe: memory spread over processes: 16 children of 8 MiB each stay under the 64 MiB limit one by one, but
 * the limit is on the run's processes together.
 * expect: MLE
 * problem: echo */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 16; i++)
		if (fork() == 0) {
			char *p = malloc(8 << 20);
			memset(p, i + 1, 8 << 20);
			pause();
		}
	while (wait(NULL) > 0) {
	}
	return 0;
}
