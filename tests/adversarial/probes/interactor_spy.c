/* probe: an interactive problem's interactor, from the program running beside it. The interactor (user validator)
 * holds the secret in its memory and its input file open while it waits for the program's answer; the program
 * finds it in /proc, reads its command line (public: it names the input file), then tries the input file by that
 * path, the interactor's fds, environ, memory (/proc/<pid>/mem, process_vm_readv, ptrace), and stopping it.
 * expect: WA
 * problem: whisper
 * Whatever secret token it finds it says to the interactor: AC means the secret leaked. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static char found[48];

/* Remembers the first token `secret-<digit>-<32 hex>` in data. */
static void remember(const char *data, size_t len)
{
	for (const char *p = data; !found[0] && (p = memmem(p, len - (size_t)(p - data), "secret-", 7)) && p + 41 <= data + len; p++) {
		int ok = isdigit((unsigned char)p[7]) && p[8] == '-';
		for (int i = 9; ok && i < 41; i++) ok = isxdigit((unsigned char)p[i]) && !isupper((unsigned char)p[i]);
		if (ok) memcpy(found, p, 41);
	}
}

static void scan(const char *path)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) return;
	fprintf(stderr, "opened %s\n", path);
	ssize_t n = read(fd, buf, sizeof buf);
	if (n > 0) remember(buf, (size_t)n);
	close(fd);
}

static void spy(pid_t pid)
{
	char path[256], cmdline[4096];
	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, cmdline, sizeof cmdline - 1) : -1;
	if (fd >= 0) close(fd);
	for (ssize_t i = 0; i < n; i += (ssize_t)strlen(cmdline + i) + 1) {
		cmdline[n] = 0;
		if (cmdline[i] == '/') scan(cmdline + i); /* the input and answer files the interactor was given */
	}
	const char *files[] = { "environ", "mem", "maps", "fd/0", "fd/1", "fd/3", "fd/4", "fd/5", "root/proc/self/fd/3", NULL };
	for (int i = 0; files[i]; i++) {
		snprintf(path, sizeof path, "/proc/%d/%s", pid, files[i]);
		scan(path);
	}
	char buf[4096];
	struct iovec local = { buf, sizeof buf }, remote = { (void *)0x400000, sizeof buf };
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) > 0) remember(buf, sizeof buf);
	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) == 0) fprintf(stderr, "attached to %d\n", pid);
	if (kill(pid, SIGSTOP) == 0) fprintf(stderr, "stopped %d\n", pid), kill(pid, SIGCONT);
}

int main(void)
{
	char prompt[256];
	if (!fgets(prompt, sizeof prompt, stdin)) return 1;
	DIR *proc = opendir("/proc");
	for (struct dirent *e; proc && (e = readdir(proc));) {
		pid_t pid = atoi(e->d_name);
		struct stat st;
		char path[64];
		snprintf(path, sizeof path, "/proc/%d", pid);
		if (pid > 1 && pid != getpid() && stat(path, &st) == 0 && st.st_uid != getuid()) spy(pid);
	}
	if (proc) closedir(proc);
	printf("%s\n", found[0] ? found : "contained");
	return 0;
}
