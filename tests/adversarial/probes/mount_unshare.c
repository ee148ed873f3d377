/* probe: mounts and namespaces. mount a tmpfs, bind-mount /judge, remount / read-write, unmount /judge (to see what
 * lies below); unshare or clone into new user, mount, network and PID namespaces (a new user namespace gives
 * "root" with every capability inside it); setns into PID 1's namespaces; chroot.
 * expect: WA
 * problem: echo
 * Every attempt must fail (no CAP_SYS_ADMIN, Docker's seccomp profile). If one succeeds the probe prints the right
 * answer: AC. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char input[1 << 21];
static int got;

static void check(const char *what, int ok)
{
	if (ok) fprintf(stderr, "%s worked\n", what), got++;
}

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	check("mount tmpfs", mount("none", "/work", "tmpfs", 0, NULL) == 0);
	check("bind mount", mount("/judge", "/tmp", NULL, MS_BIND, NULL) == 0);
	check("remount / rw", mount(NULL, "/", NULL, MS_REMOUNT, NULL) == 0);
	check("umount /judge", umount2("/judge", MNT_DETACH) == 0);
	static const int kinds[] = { CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWCGROUP };
	for (int i = 0; i < 7; i++) {
		check("unshare", unshare(kinds[i]) == 0);
		long pid = syscall(SYS_clone, (long)kinds[i] | SIGCHLD, 0L, 0L, 0L, 0L);
		if (pid == 0) _exit(0);
		if (pid > 0) waitpid((pid_t)pid, NULL, 0);
		check("clone into a namespace", pid > 0);
	}
	static const char *const ns[] = { "/proc/1/ns/mnt", "/proc/1/ns/pid", "/proc/1/ns/user", "/proc/1/ns/net", NULL };
	for (int i = 0; ns[i]; i++) {
		int fd = open(ns[i], O_RDONLY);
		check("setns", fd >= 0 && setns(fd, 0) == 0);
		if (fd >= 0) close(fd);
	}
	check("chroot", chroot("/tmp") == 0);
	if (got) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
