/* probe: tens of thousands of empty files in /tmp and /work (inodes, not bytes): the reset between submissions has
 * to remove them all, in its time budget.
 * expect: AC
 * problem: echo */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	char path[64];
	int made = 0;
	for (int i = 0; i < 20000; i++) {
		snprintf(path, sizeof path, "%s/f%d", i % 2 ? "/tmp" : "/work", i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) made++, close(fd);
	}
	fprintf(stderr, "made %d files\n", made);
	fwrite(input, 1, n, stdout);
	return 0;
}
