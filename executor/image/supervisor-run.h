/*
 * A run: one program, or two connected by a pipe (a program and its interactor), started by RUN and supervised
 * until every main process has exited. The spec fills the first half of struct proc (supervisor-spec.c);
 * starting and supervising fill the rest (supervisor-run.c); measuring reads the container's counters against
 * the baselines kept here (supervisor-measure.c); the facts are reported from all of it (supervisor-result.c).
 */
#ifndef JUEZ_SUPERVISOR_RUN_H
#define JUEZ_SUPERVISOR_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

/* Which limit a process hit; supervisor-result.c spells them in RESULT in this order. */
enum limit_kind { LIMIT_NONE, LIMIT_CPU, LIMIT_WALL, LIMIT_MEMORY, LIMIT_OUTPUT };

/* Where a child failed between fork and exec; written to a close-on-exec pipe, so EOF there means exec worked.
 * supervisor-result.c names the steps in this order. */
enum child_step { STEP_STDIO, STEP_RLIMIT, STEP_NICE, STEP_SETSID, STEP_SETGROUPS, STEP_SETGID, STEP_SETUID, STEP_VERIFY_IDS,
		  STEP_CHDIR, STEP_CLOSE_FDS, STEP_EXEC };
struct child_failure {
	int step, err;
};

struct proc {
	/* from the spec */
	uid_t uid;
	const char *cwd, *in_path, *out_path, *err_path; /* in "pipe", out "pipe", err "stdout" are keywords */
	char **argv, **envp;
	size_t argc, envc;
	uint64_t cpu_ms, wall_ms, memory_kb, output_kb, stack_kb, nofile, return_stdout, return_stderr;
	bool wall_set, stack_set;
	char *exec_paths; /* NUL-separated candidates for argv[0], tried in order */
	size_t exec_count;
	char default_out[64], default_err[64];
	/* run state */
	int fd_in, fd_out, fd_err, err_pipe;
	pid_t pid;
	bool running, failed;
	struct child_failure failure;
	int status;
	struct rusage ru;
	int64_t t_start, t_end, killed_at;
	int64_t cpu_peak_ns; /* polled: live processes attributed to this one (two-process runs) */
	uint64_t mem_peak_kb;
	enum limit_kind limit;
};

struct run {
	const char *id;
	struct proc p[2];
	int n, live;
	int64_t t0, cpu0, self0, oom0;
	int64_t shmem0, judge0; /* the container's shmem bytes and /judge's used bytes at the start, or -1 */
	int64_t orphan_cpu_ns; /* rusage of processes other than the main ones that PID 1 reaped */
};

/* Serves RUN: reads the spec payload, starts the processes, supervises them and answers RESULT (or ERR). Returns
 * with every process but PID 1 gone. */
void handle_run(const char *id, uint64_t size);

/* Records that pid exited (reap() calls it); a pid that is not a main process adds its rusage to the orphans'. */
void note_exit(struct run *r, pid_t pid, int status, const struct rusage *ru, int64_t now);

#endif
