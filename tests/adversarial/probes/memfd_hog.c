/* probe: memory kept in memfds: anonymous in-memory files no directory shows, written with write(2), never mapped,
 * so no process's resident set includes them. 160 of 1 MiB each (the output limit caps a file's size; 256 fds are
 * allowed) are far beyond the 64 MiB memory limit. Read back to make sure the data was kept.
 * expect: MLE
 * problem: echo
 * Counting only processes' resident memory lets it through: it then prints the right answer (AC). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char input[1 << 21], block[1 << 20];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	int fds[160], kept = 0;
	for (int i = 0; i < 160; i++) {
		fds[i] = memfd_create("hog", 0);
		memset(block, i, sizeof block);
		if (fds[i] >= 0 && write(fds[i], block, sizeof block) == (ssize_t)sizeof block) kept++;
	}
	for (int i = 0; i < 160; i++)
		if (fds[i] >= 0 && (pread(fds[i], block, sizeof block, 0) != (ssize_t)sizeof block || block[99] != (char)i)) kept--;
	fprintf(stderr, "kept %d MiB in memfds\n", kept);
	if (kept > 64) fwrite(input, 1, n, stdout);
	else puts("could not keep the data");
	return 0;
}
