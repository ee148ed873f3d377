/*
 * What every part of the supervisor shares: the two users, the process-wide descriptors, the current error and
 * how to set it, logging, the monotonic clock, and reading a directory without allocating. Kept small on
 * purpose: a definition used by one part lives in that part.
 */
#ifndef JUEZ_SUPERVISOR_COMMON_H
#define JUEZ_SUPERVISOR_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

enum { UID_SANDBOX = 10000, UID_VALIDATOR = 10001 };

#define MS 1000000LL                /* nanoseconds per millisecond */
#define KILL_TIMEOUT_NS (5000 * MS) /* SIGKILLed processes normally vanish in microseconds */

/* Descriptors opened once at start (supervisor.c) and kept for the container's life. */
struct supervisor_fds {
	int sigfd;  /* SIGCHLD and termination signals, blocked and read here */
	int procfd; /* /proc, rewound and re-read at poll ticks and for verification */
};
extern struct supervisor_fds g;

/* The last infrastructure error, sent as the ERR message. Requests start with it empty; a non-empty g_err is
 * how a handler knows an earlier step failed. */
extern char g_err[1024];

void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *why) __attribute__((noreturn));
/* Record "<ERRNO-NAME> <what>: <strerror>" (fail_errno) or a whole message (fail_msg) as the current error;
 * both return -1 so callers can `return fail_errno(...)`. */
int fail_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fail_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int64_t clock_ns(clockid_t clock);
int64_t mono_ns(void);

/* A decimal number of at most 19 digits in [min, max] (no sign, no spaces), or -1. */
int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* Reads a directory from its start with getdents64, skipping "." and "..": no allocation, and the fd (/proc is
 * kept open) can be read again and again. */
struct dir_iter {
	int fd, err;      /* err: the errno of a failed read */
	ssize_t len, off; /* len < 0: read error */
	char buf[4096];
};
void dir_start(struct dir_iter *it, int fd);
/* The next entry's name, or NULL at the end or on an error (it->len < 0). */
const char *dir_next(struct dir_iter *it);

#endif
