/* probe: output size by seeking: stdout is a regular file, so the program seeks it 1 GiB ahead and writes one
 * byte, which would make a sparse file of 1 GiB that costs no disk but would be returned and compared as
 * zeros. The file size rlimit refuses the write.
 * expect: OLE
 * problem: echo */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	if (lseek(1, 1l << 30, SEEK_SET) < 0) {
		perror("lseek");
		return 1;
	}
	(void)!write(1, "x", 1);
	return 0;
}
