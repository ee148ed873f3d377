/* probe: system secrets: /etc/shadow and gshadow (root:shadow 0640), root's home, kernel memory and logs
 * (/dev/mem, /proc/kcore, /dev/kmsg, dmesg's syslog), the host's block devices, and the Docker engine's files.
 * expect: WA
 * problem: echo
 * Every read must fail. If one succeeds the probe prints the right answer: AC. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/klog.h>
#include <unistd.h>

static char input[1 << 21];

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	static const char *const files[] = { "/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/sudoers", "/root/.bash_history",
					     "/dev/mem", "/dev/kmem", "/dev/port", "/proc/kcore", "/dev/kmsg", "/dev/sda",
					     "/dev/vda", "/dev/nvme0n1", "/var/lib/docker/containers", "/etc/docker/daemon.json",
					     "/root/.docker/config.json", NULL };
	int leaked = 0;
	char buf[256];
	for (int i = 0; files[i]; i++) {
		int fd = open(files[i], O_RDONLY | O_NONBLOCK);
		if (fd >= 0 && read(fd, buf, sizeof buf) > 0) {
			fprintf(stderr, "read %s\n", files[i]);
			leaked++;
		}
		if (fd >= 0) close(fd);
	}
	if (klogctl(3, buf, sizeof buf) > 0) fputs("read the kernel log\n", stderr), leaked++;
	if (leaked) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
