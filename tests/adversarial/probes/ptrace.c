/* probe: ptrace and its relatives against PID 1, the root supervisor: PTRACE_ATTACH and PTRACE_SEIZE (to inject
 * code that forges RESULTs), process_vm_readv (its buffers hold test data and answers), /proc/1/mem. Tracing its
 * own child is allowed and proves nothing, so it is not tried.
 * expect: WA
 * problem: echo
 * Every attempt must fail (other uid, no CAP_SYS_PTRACE, the supervisor is not dumpable). If one succeeds the
 * probe prints the right answer: AC. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	int got = 0;
	if (ptrace(PTRACE_ATTACH, 1, NULL, NULL) == 0) fputs("attached to PID 1\n", stderr), got++;
	if (ptrace(PTRACE_SEIZE, 1, NULL, NULL) == 0) fputs("seized PID 1\n", stderr), got++;
	char buf[64];
	struct iovec local = { buf, sizeof buf }, remote = { (void *)0x400000, sizeof buf };
	if (process_vm_readv(1, &local, 1, &remote, 1, 0) > 0) fputs("read PID 1's memory\n", stderr), got++;
	int fd = open("/proc/1/mem", O_RDWR);
	if (fd >= 0) fputs("opened /proc/1/mem\n", stderr), got++, close(fd);
	if (got) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
