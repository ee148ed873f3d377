/* probe: /proc of other processes. PID 1 (the supervisor) holds the protocol pipes (its stdin carries every
 * test's data and answer on the way in), the problem cache directory and its environment; every process is
 * tried through environ, cmdline, maps, mem, fd/*, fdinfo, cwd, root, task/*, and by reading what its
 * file descriptors point at. Prints every secret token it read.
 * expect: WA
 * problem: secrets
 * As read_other_inputs.py: all three tokens AC, some exit 3 (RE), only its own WA. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tokens[16][48];
static int ntokens, own;
static int opened; /* things of PID 1 we could open: reported on stderr */

/* Keeps every distinct token `secret-<digit>-<32 hex>` found in data. */
static void remember(const char *data, size_t len)
{
	for (const char *p = data; (p = memmem(p, len - (size_t)(p - data), "secret-", 7)) && p + 41 <= data + len; p++) {
		int ok = isdigit((unsigned char)p[7]) && p[8] == '-';
		for (int i = 9; ok && i < 41; i++) ok = isxdigit((unsigned char)p[i]) && !isupper((unsigned char)p[i]);
		if (!ok) continue;
		char t[48];
		memcpy(t, p, 41);
		t[41] = 0;
		int seen = 0;
		for (int i = 0; i < ntokens; i++) seen |= !strcmp(tokens[i], t);
		if (!seen && ntokens < 16) strcpy(tokens[ntokens++], t);
	}
}

static void scan(const char *path)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) return;
	if (!strncmp(path, "/proc/1/", 8)) fprintf(stderr, "opened %s\n", path), opened++;
	ssize_t n = read(fd, buf, sizeof buf);
	if (n > 0) remember(buf, (size_t)n);
	close(fd);
}

static void scan_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.') continue;
		char path[600];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		scan(path);
	}
	closedir(d);
}

/* Everything below needs ptrace access to the process (or more); cmdline, status and mountinfo are public. */
static void scan_process(const char *base)
{
	static const char *const files[] = { "environ", "maps", "mem", "stack", "syscall", "io", "auxv", "personality", NULL };
	static const char *const dirs[] = { "fd", "fdinfo", "cwd", "root/judge", "map_files", "task/1/fd", NULL };
	char path[600];
	for (int i = 0; files[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", base, files[i]);
		scan(path);
	}
	for (int i = 0; dirs[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", base, dirs[i]);
		scan_dir(path);
	}
}

static int compare(const void *a, const void *b) { return strcmp(a, b); }

int main(void)
{
	static char input[4096];
	ssize_t n = read(0, input, sizeof input);
	if (n > 0) remember(input, (size_t)n);
	own = ntokens;

	if (fork() == 0) { /* a sibling to look at as well */
		sleep(5);
		_exit(0);
	}
	DIR *proc = opendir("/proc");
	for (struct dirent *e; proc && (e = readdir(proc));) {
		if (!isdigit((unsigned char)e->d_name[0]) || atoi(e->d_name) == getpid()) continue;
		char base[300];
		snprintf(base, sizeof base, "/proc/%s", e->d_name);
		scan_process(base);
	}
	if (proc) closedir(proc);
	/* PID 1's stdin: a pipe from the executor. Reading it would steal protocol messages. */
	int fd = open("/proc/1/fd/0", O_RDONLY | O_NONBLOCK);
	if (fd >= 0) fprintf(stderr, "opened PID 1's stdin\n"), opened++, close(fd);

	qsort(tokens, (size_t)ntokens, sizeof tokens[0], compare);
	for (int i = 0; i < ntokens; i++) printf("%s%s", i ? " " : "", tokens[i]);
	putchar('\n');
	if (opened) return 3;
	return ntokens > own && ntokens < 3 ? 3 : 0;
}
