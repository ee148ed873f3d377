/*
 * juez-supervisor: PID 1 of every sandbox container.
 *
 * Speaks the protocol of executor/sandbox/supervisor-protocol.md on stdin/stdout and runs every compile, test
 * case and validator of a submission with fork + exec. It reports facts (CPU and wall time, memory, exit status,
 * which limit was hit), never verdicts; DOMjudge's runguard and isolate are the models.
 *
 * This file holds the start-up and the request loop; the work is in parts, each a .c with its .h:
 *   supervisor-protocol       reading requests and writing responses (the stream must never lose sync)
 *   supervisor-file-requests  PUT, GET, DEL, MKDIR, on supervisor-files (paths and trees acted on as their owners)
 *   supervisor-spec           RUN's spec: limits, argv, environment, user, stdio
 *   supervisor-run            running a program with its limits: start, supervise, kill
 *   supervisor-measure        CPU, memory and OOM facts from the cgroup and /proc
 *   supervisor-result         the RESULT message of a finished run
 *   supervisor-reset          RESET and its verification
 *   supervisor-processes      signals, reaping and killing every other process
 *   supervisor-identity       the supervisor's own credentials
 *   supervisor-common         errors, logging, clocks and what every part shares
 *
 * Privileges: uid 0 with only CAP_SETUID and CAP_SETGID (see supervisor-identity.h).
 *
 * Invariants:
 *  - Between requests the supervisor is the only process in the container: every run ends with all other
 *    processes killed and reaped, so nothing a program leaves behind can touch the next request.
 *  - The file-system identity is fsuid 0 / fsgid validator (files it creates are root:validator) except inside
 *    act_as() ... act_as_root() brackets.
 *  - stdout carries protocol messages only; diagnostics go to stderr (docker logs).
 *  - If the supervisor cannot trust its own state (the request stream lost sync, processes survive SIGKILL, its
 *    identity cannot be restored) it exits non-zero: PID 1 exiting kills the container, and the executor
 *    replaces it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-file-requests.h"
#include "supervisor-files.h"
#include "supervisor-identity.h"
#include "supervisor-measure.h"
#include "supervisor-protocol.h"
#include "supervisor-reset.h"
#include "supervisor-run.h"

static void dispatch(char *line)
{
	struct request q;
	if (!parse_request(line, &q)) return;
	char **f = q.field;
	g_err[0] = 0;
	switch (q.verb) {
	case REQ_PING: reply_ok(q.id); break;
	case REQ_PUT: handle_put(q.id, f[2], f[3], q.size, f[5]); break;
	case REQ_GET: handle_get(q.id, f[2]); break;
	case REQ_DEL: handle_del(q.id, f[2]); break;
	case REQ_MKDIR: handle_mkdir(q.id, f[2], f[3]); break;
	case REQ_RUN: handle_run(q.id, q.size); break;
	case REQ_RESET: handle_reset(q.id); break;
	case REQ_COUNT: break;
	}
}

static void init(void)
{
	umask(0); /* modes are always explicit */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	gid_t validator = UID_VALIDATOR;
	if (setgroups(1, &validator) < 0) die("setgroups(validator)");
	act_as_root();

	signal(SIGPIPE, SIG_IGN); /* a closed stdout shows up as EPIPE; children reset this */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	/* Blocked signals are queued even for PID 1, which otherwise drops every signal it has no handler for. */
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0) die("sigprocmask");
	if ((g.sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) die("signalfd");
	if ((g.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) die("open /proc");
	measure_init();
	secure_mount_points();
	ensure_run_dir();
}

int main(void)
{
	if (getpid() != 1) {
		/* kill(-1) would reach every process of this user on the host. */
		log_msg("refusing to start: must be PID 1 of its own PID namespace");
		return 2;
	}
	init();
	reply_ready();
	char line[HEADER_MAX];
	for (;;) {
		int n = read_line(line);
		if (n == -1) return 0; /* the executor closed stdin: done */
		if (n == -2) lost_sync("0", "EPROTO header line too long or truncated");
		dispatch(line);
	}
}
