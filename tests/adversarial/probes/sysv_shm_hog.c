/* probe: memory kept in SysV shared memory: 20 segments of 8 MiB, each attached, filled and detached again, so
 * that they stay allocated (until removed) in no process's resident set. 160 MiB against a 64 MiB memory limit.
 * expect: MLE
 * problem: echo
 * Counting only processes' resident memory lets it through: it then prints the right answer (AC). */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	int ids[20], kept = 0;
	for (int i = 0; i < 20; i++) {
		ids[i] = shmget(IPC_PRIVATE, 8u << 20, IPC_CREAT | 0600);
		char *p = ids[i] >= 0 ? shmat(ids[i], NULL, 0) : (void *)-1;
		if (p == (void *)-1) continue;
		memset(p, i + 1, 8u << 20);
		shmdt(p);
		kept += 8;
	}
	for (int i = 0; i < 20; i++) {
		char *p = ids[i] >= 0 ? shmat(ids[i], NULL, SHM_RDONLY) : (void *)-1;
		if (p == (void *)-1) continue;
		if (p[12345] != i + 1) kept -= 8;
		shmdt(p);
	}
	fprintf(stderr, "kept %d MiB in SysV shared memory\n", kept);
	if (kept > 64) fwrite(input, 1, n, stdout);
	else puts("could not keep the data");
	return 0;
}
