/* probe: a directory tree 1000 levels deep in /tmp, deeper than the supervisor's reset cleans in place (200
 * levels). The reset after the submission fails, so the pool replaces the container; the verdict does not
 * suffer, and no later submission meets the tree.
 * expect: AC
 * problem: echo */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	int fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	int fds[1000], depth = 0;
	for (; depth < 1000 && fd >= 0; depth++) {
		if (mkdirat(fd, "d", 0700) < 0 && errno != EEXIST) break;
		fds[depth] = fd;
		fd = openat(fd, "d", O_RDONLY | O_DIRECTORY);
		if (depth > 200) close(fds[depth - 200]); /* the nofile rlimit is 256 */
	}
	fprintf(stderr, "depth %d\n", depth);
	fwrite(input, 1, n, stdout);
	return 0;
}
