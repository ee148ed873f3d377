/*
 * The facts of a finished run, as the RESULT message: per process its exit, CPU, wall and end times, memory,
 * output sizes and which limit it hit, then the head of its captured output. Facts, never verdicts: the
 * executor decides what they mean.
 */
#define _GNU_SOURCE
#include "supervisor-result.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-measure.h"
#include "supervisor-processes.h"
#include "supervisor-protocol.h"
#include "supervisor-run.h"

/* In the order of enum limit_kind and enum child_step (supervisor-run.h). */
static const char *const limit_json[] = { "null", "\"cpu\"", "\"wall\"", "\"memory\"", "\"output\"" };
static const char *const step_names[] = { "dup2 stdio", "setrlimit", "setpriority", "setsid", "setgroups", "setgid", "setuid",
					   "verify ids", "chdir", "close fds", "execve" };

static uint64_t file_size(int fd)
{
	struct stat st;
	return (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ? (uint64_t)st.st_size : 0;
}

/* Appends the first `max` bytes of the file open as fd to buf. */
static int append_head(int fd, uint64_t max, char **buf, size_t *len)
{
	uint64_t size = file_size(fd);
	if (size > max) size = max;
	if (size == 0) return 0;
	char *grown = realloc(*buf, *len + size);
	if (!grown) return fail_errno(ENOMEM, "reading output");
	*buf = grown;
	for (uint64_t done = 0; done < size;) {
		ssize_t n = pread(fd, *buf + *len + done, size - done, done);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) return fail_errno(n < 0 ? errno : EIO, "reading output");
		done += n;
	}
	*len += size;
	return 0;
}

/* Which limit the process hit: the one the supervisor enforced, else the one its measured facts exceed
 * (a process may exit between two polls, after going over). */
static enum limit_kind limit_hit(const struct proc *p, int64_t cpu_ns, uint64_t mem_kb, int64_t wall_ns, uint64_t out_bytes,
				 uint64_t err_bytes)
{
	int sig = WIFSIGNALED(p->status) ? WTERMSIG(p->status) : 0;
	if (p->limit != LIMIT_NONE) return p->limit;
	if (sig == SIGXFSZ || out_bytes > p->output_kb * 1024 || err_bytes > p->output_kb * 1024) return LIMIT_OUTPUT;
	if (sig == SIGXCPU || cpu_ns > (int64_t)p->cpu_ms * MS) return LIMIT_CPU;
	if (mem_kb > p->memory_kb) return LIMIT_MEMORY;
	if (wall_ns > (int64_t)p->wall_ms * MS) return LIMIT_WALL;
	return LIMIT_NONE;
}

void finish_run(struct run *r)
{
	int64_t cpu_total = run_cpu_ns(r, 0);
	/* Files outlive their writers: what a quick program left in tmpfs between two polls counts too. */
	struct proc *keeper = &r->p[file_keeper(r)];
	uint64_t kept_kb = kept_in_files_kb(r);
	if (kept_kb > keeper->mem_peak_kb) keeper->mem_peak_kb = kept_kb;
	int64_t oom = oom_kill_count();
	if (kill_everything(r) < 0) {
		reply_err(r->id, g_err);
		die("processes survive the end of a run");
	}
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		if (!p->failed) continue;
		int step = p->failure.step >= 0 && p->failure.step <= STEP_EXEC ? p->failure.step : STEP_EXEC;
		fail_errno(p->failure.err, "sandbox setup of process %d (%s): %s", i, p->argv[0], step_names[step]);
		reply_err(r->id, g_err);
		return;
	}

	char json[2048], *out = NULL, *err = NULL;
	size_t jlen = (size_t)snprintf(json, sizeof json, "{\"procs\":["), out_len = 0, err_len = 0;
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		int64_t rusage_ns = rusage_cpu_ns(&p->ru);
		int64_t cpu_ns = r->n == 1 ? (cgroup_cpu_known() ? cpu_total : rusage_ns + r->orphan_cpu_ns)
					   : (rusage_ns > p->cpu_peak_ns ? rusage_ns : p->cpu_peak_ns);
		uint64_t mem_kb = (uint64_t)p->ru.ru_maxrss > p->mem_peak_kb ? (uint64_t)p->ru.ru_maxrss : p->mem_peak_kb;
		int64_t wall_ns = p->t_end - p->t_start;
		uint64_t out_bytes = file_size(p->fd_out), err_bytes = p->fd_err == p->fd_out ? 0 : file_size(p->fd_err);
		enum limit_kind limit = limit_hit(p, cpu_ns, mem_kb, wall_ns, out_bytes, err_bytes);
		char code[16] = "null";
		if (WIFEXITED(p->status)) snprintf(code, sizeof code, "%d", WEXITSTATUS(p->status));
		jlen += (size_t)snprintf(json + jlen, sizeof json - jlen,
			"%s{\"exitCode\":%s,\"signal\":%d,\"cpuMs\":%.3f,\"wallMs\":%.3f,\"endMs\":%.3f,\"memoryKb\":%" PRIu64
			",\"limit\":%s,\"stdoutBytes\":%" PRIu64 ",\"stderrBytes\":%" PRIu64 "}",
			i ? "," : "", code, WIFSIGNALED(p->status) ? WTERMSIG(p->status) : 0, cpu_ns / 1e6,
			wall_ns / 1e6, (p->t_end - r->t0) / 1e6, mem_kb, limit_json[limit], out_bytes, err_bytes);
		if (append_head(p->fd_out, p->return_stdout, &out, &out_len) < 0 ||
		    (p->fd_err != p->fd_out && append_head(p->fd_err, p->return_stderr, &err, &err_len) < 0)) {
			reply_err(r->id, g_err);
			free(out);
			free(err);
			return;
		}
	}
	int64_t oom_kills = (oom >= 0 && r->oom0 >= 0) ? oom - r->oom0 : 0;
	jlen += (size_t)snprintf(json + jlen, sizeof json - jlen, "],\"oomKills\":%" PRId64 "}", oom_kills);
	char h[128];
	struct iovec iov[4] = {
		{ h, (size_t)snprintf(h, sizeof h, "RESULT %s %zu %zu %zu\n", r->id, jlen, out_len, err_len) },
		{ json, jlen }, { out, out_len }, { err, err_len },
	};
	out_writev(iov, 4);
	free(out);
	free(err);
}
