/*
 * RESET and its verification: between two submissions a container must keep nothing of the first — no process,
 * no file in the writable places, no SysV IPC object. Every step is verified afterwards from scratch rather than
 * trusted, and anything left is reported as ERR, so the executor replaces the container instead of reusing it.
 */
#define _GNU_SOURCE
#include "supervisor-reset.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-files.h"
#include "supervisor-processes.h"
#include "supervisor-protocol.h"

/* Goes through /proc/sysvipc/<kind> (shm, sem or msg) and, if `remove`, deletes each object acting as its owner
 * (IPC_RMID needs the owner's or creator's euid). Returns how many objects it listed and did not delete, or -1.
 * The table is read in one 64 KiB gulp; a longer one is finished by the caller's next pass. */
static int sweep_ipc(const char *kind, bool remove)
{
	char path[64], buf[1 << 16];
	snprintf(path, sizeof path, "/proc/sysvipc/%s", kind);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return fail_errno(errno, "open %s", path);
	ssize_t len = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (len < 0) return fail_errno(errno, "read %s", path);
	buf[len] = 0;
	/* The header names the columns: the id is the second, the owner's uid the one named "uid". */
	char *line = strchr(buf, '\n'), *tok, *save;
	int uid_col = -1, col = 0, left = 0;
	if (!line) return 0;
	*line++ = 0;
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save), col++)
		if (strcmp(tok, "uid") == 0) uid_col = col;
	for (char *next; *line; line = next) {
		next = strchrnul(line, '\n');
		if (*next) *next++ = 0;
		long id = -1, uid = -1;
		col = 0;
		for (tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save), col++) {
			if (col == 1) id = strtol(tok, NULL, 10);
			if (col == uid_col) uid = strtol(tok, NULL, 10);
		}
		if (id < 0) continue;
		left++;
		if (!remove || uid < 0 || setresuid((uid_t)-1, (uid_t)uid, (uid_t)-1) < 0) continue;
		int rc = kind[1] == 'h' ? shmctl(id, IPC_RMID, NULL)
		       : kind[1] == 'e' ? semctl(id, 0, IPC_RMID)
					: msgctl(id, IPC_RMID, NULL);
		if (setresuid((uid_t)-1, 0, (uid_t)-1) < 0) die("cannot restore euid 0 after IPC_RMID");
		if (rc == 0) left--;
	}
	return left;
}

/* Appends one problem to the RESET report. */
static void report_problem(char *msg, size_t cap, const char *what)
{
	size_t len = strlen(msg);
	snprintf(msg + len, cap - len, "%s%s", len ? "; " : "", what);
}

void handle_reset(const char *id)
{
	static const char *const dirs[] = { "/work", "/tmp", "/dev/shm", "/dev/mqueue", RUN_DIR };
	static const char *const ipc[] = { "shm", "sem", "msg" };
	char msg[4096] = "", what[1200];
	if (kill_everything(NULL) < 0) report_problem(msg, sizeof msg, g_err);
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		if (clear_tree(dirs[i], strcmp(dirs[i], "/work") == 0 ? 0700 : 0) < 0) {
			snprintf(what, sizeof what, "cleaning %s: %s", dirs[i], g_err);
			report_problem(msg, sizeof msg, what);
		}
	for (size_t i = 0; i < 3; i++)
		for (int pass = 0, left = 1; left > 0 && pass < 64; pass++)
			if ((left = sweep_ipc(ipc[i], true)) < 0) report_problem(msg, sizeof msg, g_err);
	ensure_run_dir();

	/* Verify from scratch rather than trusting the steps above. */
	int others = count_other_processes();
	if (others != 0 || !alone()) {
		snprintf(what, sizeof what, "verify: %d processes besides PID 1", others);
		report_problem(msg, sizeof msg, what);
	}
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		int n = count_entries(dirs[i]);
		if (n != 0) {
			snprintf(what, sizeof what, "verify: %s has %d entries", dirs[i], n);
			report_problem(msg, sizeof msg, what);
		}
	}
	for (size_t i = 0; i < 3; i++) {
		int n = sweep_ipc(ipc[i], false);
		if (n != 0) {
			snprintf(what, sizeof what, "verify: %d SysV %s objects", n, ipc[i]);
			report_problem(msg, sizeof msg, what);
		}
	}
	if (msg[0]) reply_err(id, msg);
	else reply_ok(id);
}
