/* probe: memory kept in files instead of the heap. /work, /tmp and /dev/shm are tmpfs, i.e. RAM; 1 MiB files
 * (the output limit caps each file's size) add up to 160 MiB, far beyond the 64 MiB memory limit, while the
 * process itself stays small. The data is read back to make sure it was really kept.
 * expect: MLE
 * problem: echo
 * A sandbox that counts only resident memory of processes lets it through: it then prints the right answer (AC). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char input[1 << 21], block[1 << 20];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	const char *dirs[] = { "/work", "/tmp", "/dev/shm" };
	char path[64];
	int kept = 0;
	for (int i = 0; i < 160; i++) {
		snprintf(path, sizeof path, "%s/hog-%d", dirs[i % 3], i);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0) continue;
		memset(block, i, sizeof block);
		if (write(fd, block, sizeof block) == (ssize_t)sizeof block) kept++;
		close(fd);
	}
	for (int i = 0; i < 160; i++) {
		snprintf(path, sizeof path, "%s/hog-%d", dirs[i % 3], i);
		int fd = open(path, O_RDONLY);
		if (fd < 0) continue;
		if (read(fd, block, sizeof block) != (ssize_t)sizeof block || block[777] != (char)i) kept--;
		close(fd);
	}
	fprintf(stderr, "kept %d MiB in files\n", kept);
	if (kept > 64) fwrite(input, 1, n, stdout);
	else puts("could not keep the data");
	return 0;
}
