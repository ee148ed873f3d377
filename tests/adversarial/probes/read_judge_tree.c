/* probe: the expected answers, from every side of /judge: listing it, walking it through PID 1's root and cwd
 * magic links (/proc/1/root/judge, /proc/1/cwd), and opening paths guessed from the stdin link without listing
 * anything. Prints every secret token it read.
 * expect: WA
 * problem: secrets
 * As read_other_inputs.py: all three tokens AC, some exit 3 (RE), only its own WA. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tokens[16][48];
static int ntokens, own;

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

static void scan_file(const char *path)
{
	static char buf[1 << 20];
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) return;
	ssize_t n = read(fd, buf, sizeof buf);
	if (n > 0) remember(buf, (size_t)n);
	close(fd);
}

static void walk(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d) return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.') continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR && depth < 6) walk(path, depth + 1);
		else scan_file(path);
	}
	closedir(d);
}

static int compare(const void *a, const void *b) { return strcmp(a, b); }

int main(void)
{
	static char input[4096];
	ssize_t n = read(0, input, sizeof input);
	if (n > 0) remember(input, (size_t)n);
	own = ntokens;

	char link[512] = "", path[600];
	ssize_t len = readlink("/proc/self/fd/0", link, sizeof link - 1);
	if (len > 0) link[len] = 0;
	char *folder = dirname(link);
	for (int i = 0; i < 8; i++) {
		snprintf(path, sizeof path, "%s/%d.ans", folder, i);
		scan_file(path);
		snprintf(path, sizeof path, "%s/%d.in", folder, i);
		scan_file(path);
		snprintf(path, sizeof path, "/proc/1/root%s/%d.ans", folder, i);
		scan_file(path);
	}
	const char *tops[] = { "/judge", "/proc/1/root/judge", "/proc/1/cwd", "/proc/self/root/judge", "/work", "/tmp", NULL };
	for (int i = 0; tops[i]; i++) walk(tops[i], 0);

	qsort(tokens, (size_t)ntokens, sizeof tokens[0], compare);
	for (int i = 0; i < ntokens; i++) printf("%s%s", i ? " " : "", tokens[i]);
	putchar('\n');
	return ntokens > own && ntokens < 3 ? 3 : 0;
}
