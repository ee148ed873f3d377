/*
 * Errors, logging, clocks and directory reading shared by every part of the supervisor.
 */
#define _GNU_SOURCE
#include "supervisor-common.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct supervisor_fds g = { .sigfd = -1, .procfd = -1 };
char g_err[1024];

void log_msg(const char *fmt, ...)
{
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (n < 0) return;
	if (n > (int)sizeof buf - 2) n = sizeof buf - 2;
	buf[n++] = '\n';
	(void)!write(2, "juez-supervisor: ", 17);
	(void)!write(2, buf, n);
}

void die(const char *why)
{
	log_msg("fatal: %s", why);
	exit(3);
}

int fail_errno(int err, const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	const char *name = strerrorname_np(err);
	snprintf(g_err, sizeof g_err, "%s %s: %s", name ? name : "EUNKNOWN", what, strerror(err));
	return -1;
}

int fail_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g_err, sizeof g_err, fmt, ap);
	va_end(ap);
	return -1;
}

int64_t clock_ns(clockid_t clock)
{
	struct timespec ts;
	if (clock_gettime(clock, &ts) < 0) return -1;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int64_t mono_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (!*s || strlen(s) > 19) return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9') return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < min || v > max) return -1;
	*out = v;
	return 0;
}

void dir_start(struct dir_iter *it, int fd)
{
	it->fd = fd;
	it->off = 0;
	it->len = lseek(fd, 0, SEEK_SET) < 0 ? -1 : 0;
	it->err = errno;
}

const char *dir_next(struct dir_iter *it)
{
	for (;;) {
		if (it->len < 0) return NULL;
		if (it->off >= it->len) {
			it->off = 0;
			it->len = getdents64(it->fd, it->buf, sizeof it->buf);
			it->err = errno;
			if (it->len <= 0) return NULL;
		}
		struct dirent64 *e = (struct dirent64 *)(it->buf + it->off);
		it->off += e->d_reclen;
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) return e->d_name;
	}
}

