/* probe: writes outside the program's own places: the root of the file system, $HOME's siblings (/home, /root, and
 * sandbox's passwd home /work is fine), /etc (ld.so.preload would hijack every later program), /usr/local/bin
 * (earlier in PATH than the toolchains), /var/tmp, /run, /judge and its run directory (where the judge keeps
 * the program's captured output), kernel settings in /proc/sys and /sys, device nodes, and the program's own
 * stdout file reopened through /proc/self/fd/1 (to rewrite it after the fact).
 * expect: WA
 * problem: echo
 * Every write must fail (read-only root, /judge closed, no capabilities). If one succeeds the probe prints the
 * right answer: AC. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	static const char *const files[] = {
		"/juez-probe", "/home/juez-probe", "/root/juez-probe", "/etc/ld.so.preload", "/etc/passwd",
		"/usr/local/bin/python3", "/usr/bin/juez-probe", "/var/tmp/juez-probe", "/run/juez-probe",
		"/judge/juez-probe", "/judge/run/juez-probe", "/judge/run/out-0", "/judge/run/out-1",
		"/proc/sys/kernel/hostname", "/proc/sys/vm/drop_caches", "/proc/sysrq-trigger", "/sys/kernel/uevent_helper",
		"/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/proc/1/oom_score_adj",
		"/proc/self/fd/1", "/proc/1/root/etc/juez-probe", "/dev/juez-probe", "/dev/kmsg", NULL };
	int wrote = 0;
	for (int i = 0; files[i]; i++) {
		int fd = open(files[i], O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd >= 0 && write(fd, "", 0) == 0) {
			fprintf(stderr, "opened for writing: %s\n", files[i]);
			/* /dev/kmsg is writable in some setups but reaches only the kernel log: not counted. */
			if (strcmp(files[i], "/dev/kmsg") != 0) wrote++;
		}
		if (fd >= 0) close(fd);
	}
	if (mknod("/work/null", S_IFCHR | 0666, makedev(1, 3)) == 0) wrote++, fputs("made a device node\n", stderr);
	if (mkdir("/juez-probe-dir", 0777) == 0 || mkdir("/home/juez-probe-dir", 0777) == 0) wrote++;
	if (symlink("/judge", "/juez-probe-link") == 0) wrote++;
	if (wrote) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
