/* probe: the file descriptors the program inherits. Only 0, 1 and 2 may be open: stdin the staged input, opened
 * read-only (writing or truncating it would change the test data cached in the container for every later
 * submission), stdout and stderr fresh files. Any other fd would be the supervisor's: its protocol pipes, /proc,
 * the cgroup files.
 * expect: WA
 * problem: echo
 * If stdin can be written, stdout starts non-empty, or any other fd is open, the probe prints the right answer: AC. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	int found = 0;
	for (int fd = 3; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0) fprintf(stderr, "fd %d is open\n", fd), found++;
	struct stat st;
	if (fstat(1, &st) == 0 && st.st_size > 0) fputs("stdout is not empty\n", stderr), found++;
	int mode = fcntl(0, F_GETFL) & O_ACCMODE;
	if (mode != O_RDONLY) fputs("stdin is writable\n", stderr), found++;
	if (ftruncate(0, 0) == 0 || write(0, "x", 1) >= 0) fputs("wrote stdin\n", stderr), found++;
	if (fstat(0, &st) == 0 && st.st_size > 0 &&
	    mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, 0, 0) != MAP_FAILED)
		fputs("mapped stdin writable\n", stderr), found++;
	if (open("/proc/self/fd/0", O_RDWR) >= 0) fputs("reopened stdin read-write\n", stderr), found++;
	if (open("/proc/self/fd/1", O_RDONLY) >= 0) fputs("reopened stdout by path\n", stderr), found++;
	lseek(0, 0, SEEK_SET);
	size_t n = fread(input, 1, sizeof input, stdin);
	if (found) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
