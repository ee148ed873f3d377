/*
 * Signals, reaping and killing every other process of the container.
 */
#define _GNU_SOURCE
#include "supervisor-processes.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-identity.h"
#include "supervisor-run.h"

void drain_signals(void)
{
	struct signalfd_siginfo si[16];
	for (;;) {
		ssize_t n = read(g.sigfd, si, sizeof si);
		if (n <= 0) return;
		for (size_t i = 0; i < (size_t)n / sizeof si[0]; i++) {
			if (si[i].ssi_signo != SIGCHLD) {
				log_msg("terminating on signal %u", si[i].ssi_signo);
				exit(0);
			}
		}
	}
}

void wait_for_signal(int64_t timeout_ns)
{
	if (timeout_ns < 0) timeout_ns = 0;
	struct timespec ts = { timeout_ns / 1000000000LL, timeout_ns % 1000000000LL };
	struct pollfd pfd = { g.sigfd, POLLIN, 0 };
	if (ppoll(&pfd, 1, &ts, NULL) > 0) drain_signals();
}

void reap(struct run *r)
{
	for (;;) {
		int status;
		struct rusage ru;
		pid_t pid = wait4(-1, &status, WNOHANG, &ru);
		if (pid <= 0) return;
		if (r) note_exit(r, pid, status, &ru, mono_ns());
	}
}

bool alone(void) { return kill(-1, 0) < 0 && errno == ESRCH; }

int kill_everything(struct run *r)
{
	int64_t deadline = mono_ns() + KILL_TIMEOUT_NS;
	for (;;) {
		reap(r);
		if (alone()) return 0;
		kill_as(UID_SANDBOX, -1);
		kill_as(UID_VALIDATOR, -1);
		reap(r);
		if (alone()) return 0;
		if (mono_ns() > deadline) return fail_msg("EBUSY processes survive SIGKILL for %lld ms",
							  KILL_TIMEOUT_NS / MS);
		wait_for_signal(MS);
	}
}

pid_t other_pid(const char *name)
{
	return name[0] >= '1' && name[0] <= '9' && strcmp(name, "1") != 0 ? atoi(name) : 0;
}

int count_other_processes(void)
{
	struct dir_iter it;
	int count = 0;
	dir_start(&it, g.procfd);
	for (const char *name; (name = dir_next(&it));) count += other_pid(name) > 0;
	return it.len < 0 ? -1 : count;
}
