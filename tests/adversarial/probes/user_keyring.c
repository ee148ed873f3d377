/* probe: the kernel keyrings. The user keyring of uid 10000 is one per host (no user namespace), shared by every
 * sandbox container and outliving any one process: a key added there would reach the next submissions, in any
 * container. Also reads the session and user keyrings for keys left by others.
 * expect: WA
 * problem: echo
 * add_key and keyctl must be refused (Docker's seccomp profile). If a key can be added or read, the probe prints
 * the right answer: AC. */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEY_SPEC_SESSION_KEYRING -3
#define KEY_SPEC_USER_KEYRING -4
#define KEYCTL_READ 11

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	int got = 0;
	if (syscall(SYS_add_key, "user", "juez-probe", "trace", 5, KEY_SPEC_USER_KEYRING) >= 0) fputs("added a user key\n", stderr), got++;
	if (syscall(SYS_add_key, "user", "juez-probe", "trace", 5, KEY_SPEC_SESSION_KEYRING) >= 0) fputs("added a session key\n", stderr), got++;
	char buf[256];
	if (syscall(SYS_keyctl, KEYCTL_READ, KEY_SPEC_USER_KEYRING, buf, sizeof buf) >= 0) fputs("read the user keyring\n", stderr), got++;
	if (got) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
