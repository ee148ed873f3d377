/*
 * Running a program with its limits: starting each process of a run in its sandbox identity with rlimits, then
 * watching it until it exits or a limit is hit. The wall limit is watched between signals; CPU and memory are
 * sampled every TICK_NS (supervisor-measure.c); RLIMIT_CPU and RLIMIT_FSIZE are backstops set in the child.
 */
#define _GNU_SOURCE
#include "supervisor-run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-identity.h"
#include "supervisor-measure.h"
#include "supervisor-processes.h"
#include "supervisor-protocol.h"
#include "supervisor-result.h"
#include "supervisor-spec.h"

#define TICK_NS (5 * MS) /* the protocol promises a wake-up at least every 5 ms during a run */
#define CHILD_NICE 19

static void __attribute__((noreturn)) child_abort(int fd, enum child_step step, int err)
{
	struct child_failure f = { step, err };
	(void)!write(fd, &f, sizeof f);
	_exit(127);
}

static int limit_resource(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { soft, hard };
	return setrlimit(resource, &rl);
}

/* Runs in the child between vfork and exec; never returns. Order matters: stdio files were opened by the
 * supervisor as root; limits and the new session come while still privileged; groups, gid, then uid (after
 * setuid the capabilities are gone); chdir is checked as the target user; nothing but 0-2 survives exec.
 * vfork rules: the child shares the supervisor's memory, so it only reads *p, writes nothing but its own stack
 * and errno, and changes credentials with raw syscalls (glibc's set*id wrappers may coordinate with other
 * threads through shared state). Signal dispositions, mask, fds, cwd and credentials are its own. */
static void __attribute__((noreturn)) exec_child(const struct proc *p, int errfd)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL); /* ignored dispositions survive exec; the supervisor ignores SIGPIPE */

	if (dup2(p->fd_in, 0) < 0 || dup2(p->fd_out, 1) < 0 || dup2(p->fd_err, 2) < 0) child_abort(errfd, STEP_STDIO, errno);

	rlim_t cpu_s = (p->cpu_ms + 999) / 1000 + 1; /* a backstop; polling enforces cpu_ms */
	if (limit_resource(RLIMIT_CPU, cpu_s, cpu_s + 1) < 0 || limit_resource(RLIMIT_CORE, 0, 0) < 0 ||
	    /* one byte more than allowed, so "larger than output_kb" is observable as a fact */
	    limit_resource(RLIMIT_FSIZE, p->output_kb * 1024 + 1, p->output_kb * 1024 + 1) < 0 ||
	    limit_resource(RLIMIT_STACK, p->stack_kb * 1024, p->stack_kb * 1024) < 0 ||
	    limit_resource(RLIMIT_NOFILE, p->nofile, p->nofile) < 0)
		child_abort(errfd, STEP_RLIMIT, errno);
	/* Programs run at the lowest priority so that a fork bomb cannot starve the supervisor of the container's
	 * CPU quota while it enforces limits. Niceness only weighs tasks within the container's own cgroup, so it
	 * slows nothing when the program runs alone. */
	if (setpriority(PRIO_PROCESS, 0, CHILD_NICE) < 0) child_abort(errfd, STEP_NICE, errno);
	if (setsid() < 0) child_abort(errfd, STEP_SETSID, errno);
	if (syscall(SYS_setgroups, 0, NULL) < 0) child_abort(errfd, STEP_SETGROUPS, errno);
	gid_t gid = group_of(p->uid);
	if (syscall(SYS_setresgid, gid, gid, gid) < 0) child_abort(errfd, STEP_SETGID, errno);
	if (syscall(SYS_setresuid, p->uid, p->uid, p->uid) < 0) child_abort(errfd, STEP_SETUID, errno);
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0 || ru != p->uid || eu != p->uid ||
	    su != p->uid || rg != gid || eg != gid || sg != gid || getgroups(0, NULL) != 0 ||
	    syscall(SYS_setresuid, 0, 0, 0) == 0)
		child_abort(errfd, STEP_VERIFY_IDS, EPERM);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); /* docker sets it too; harmless twice */
	umask(p->uid == UID_VALIDATOR ? 027 : 022);
	if (chdir(p->cwd) < 0) child_abort(errfd, STEP_CHDIR, errno);
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		for (int fd = 3; fd < 4096; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	int err = ENOENT;
	const char *cand = p->exec_paths;
	for (size_t i = 0; i < p->exec_count; i++, cand += strlen(cand) + 1) {
		execve(cand, p->argv, p->envp);
		/* As execvp: keep looking after "not here"; remember that something was there but not executable. */
		if (errno == EACCES) err = EACCES;
		else if (errno != ENOENT && errno != ENOTDIR) {
			err = errno;
			break;
		}
	}
	child_abort(errfd, STEP_EXEC, err);
}

/* Opens the stdio files of one process as root. stdin must be a regular file or a device (O_NONBLOCK so that a
 * FIFO cannot block the supervisor); outputs are created root:validator 0640 and opened read-write so the
 * supervisor can read them back. */
static int open_stdio(struct proc *p)
{
	if (p->fd_in < 0) {
		struct stat st;
		p->fd_in = open(p->in_path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (p->fd_in < 0) return fail_errno(errno, "open stdin %s", p->in_path);
		if (fstat(p->fd_in, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISCHR(st.st_mode)))
			return fail_msg("EINVAL stdin %s is not a file", p->in_path);
		fcntl(p->fd_in, F_SETFL, 0);
	}
	if (p->fd_out < 0) {
		p->fd_out = open(p->out_path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0640);
		if (p->fd_out < 0) return fail_errno(errno, "open stdout %s", p->out_path);
	}
	if (strcmp(p->err_path, "stdout") == 0) {
		p->fd_err = p->fd_out;
	} else {
		p->fd_err = open(p->err_path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0640);
		if (p->fd_err < 0) return fail_errno(errno, "open stderr %s", p->err_path);
	}
	return 0;
}

/* Creates the pipes, opens the files, takes the baselines and starts every process. */
static int start_run(struct run *r)
{
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i], *peer = &r->p[1 - i];
		if (strcmp(p->out_path, "pipe") == 0) {
			int fds[2];
			if (pipe2(fds, O_CLOEXEC) < 0) return fail_errno(errno, "pipe");
			peer->fd_in = fds[0];
			p->fd_out = fds[1];
		}
	}
	for (int i = 0; i < r->n; i++)
		if (open_stdio(&r->p[i]) < 0) return -1;

	take_baselines(r);
	r->t0 = mono_ns();
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		int ep[2];
		if (pipe2(ep, O_CLOEXEC | O_NONBLOCK) < 0) return fail_errno(errno, "pipe");
		p->err_pipe = ep[0];
		p->t_start = mono_ns();
		/* vfork: no page tables to copy (fork costs ~85 us here, vfork ~15), and the supervisor resumes
		 * only once the child has exec'd or given up. */
		pid_t pid = vfork();
		if (pid == 0) exec_child(p, ep[1]);
		close(ep[1]);
		if (pid < 0) return fail_errno(errno, "vfork");
		p->pid = pid;
		p->running = true;
		r->live++;
	}
	/* The supervisor must not hold pipe ends, or a side would never see EOF when its peer exits. */
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		if (strcmp(p->in_path, "pipe") == 0) close(p->fd_in), p->fd_in = -1;
		if (strcmp(p->out_path, "pipe") == 0) {
			if (p->fd_err == p->fd_out) p->fd_err = -1;
			close(p->fd_out), p->fd_out = -1;
		}
	}
	return 0;
}

/* Kills process i for hitting a limit. A single process takes the whole container down with it; of two, each
 * side is a different user (program = sandbox, validator = validator), so killing by uid spares the other
 * side; if both run as the same user, its process group is killed and escaped descendants wait for the end. */
static void kill_proc(struct run *r, int i, enum limit_kind why)
{
	struct proc *p = &r->p[i];
	if (p->limit == LIMIT_NONE) p->limit = why;
	if (!p->killed_at) p->killed_at = mono_ns();
	if (r->n == 1) {
		kill_as(UID_SANDBOX, -1);
		kill_as(UID_VALIDATOR, -1);
	} else if (r->p[0].uid != r->p[1].uid) {
		kill_as(p->uid, -1);
	} else {
		kill_as(p->uid, -p->pid);
		kill_as(p->uid, p->pid);
	}
}

void note_exit(struct run *r, pid_t pid, int status, const struct rusage *ru, int64_t now)
{
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		if (p->pid != pid || !p->running) continue;
		p->running = false;
		p->status = status;
		p->ru = *ru;
		p->t_end = now;
		r->live--;
		/* EOF on the close-on-exec pipe means exec succeeded; data means the setup failed. */
		if (read(p->err_pipe, &p->failure, sizeof p->failure) == sizeof p->failure) {
			p->failed = true;
			for (int j = 0; j < r->n; j++)
				if (r->p[j].running) kill_proc(r, j, LIMIT_NONE);
		}
		return;
	}
	r->orphan_cpu_ns += rusage_cpu_ns(ru);
}

/* One poll tick: memory and CPU limits. */
static void enforce_cpu_and_memory(struct run *r)
{
	uint64_t mem[2];
	int64_t cpu[2];
	sample_processes(r, mem, cpu);
	mem[file_keeper(r)] += kept_in_files_kb(r);
	if (r->n == 1) {
		struct proc *p = &r->p[0];
		if (!cgroup_cpu_known()) cpu[0] = process_cpu_ns(p->pid); /* descendants are only known at the end */
		cpu[0] = run_cpu_ns(r, cpu[0] > 0 ? cpu[0] : 0);
	}
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		if (!p->running) continue;
		if (mem[i] > p->mem_peak_kb) p->mem_peak_kb = mem[i];
		if (cpu[i] > p->cpu_peak_ns) p->cpu_peak_ns = cpu[i];
		if (p->limit != LIMIT_NONE) continue;
		if (mem[i] > p->memory_kb) kill_proc(r, i, LIMIT_MEMORY);
		else if (cpu[i] > (int64_t)p->cpu_ms * MS) kill_proc(r, i, LIMIT_CPU);
	}
}

/* Waits until every main process has exited, enforcing the limits. A child exiting wakes us at once through
 * SIGCHLD, so a quick program costs no polling at all. */
static void supervise(struct run *r)
{
	int64_t next_tick = r->t0 + TICK_NS;
	while (r->live > 0) {
		int64_t now = mono_ns(), wake = next_tick;
		for (int i = 0; i < r->n; i++) {
			struct proc *p = &r->p[i];
			int64_t deadline = p->t_start + (int64_t)p->wall_ms * MS;
			if (p->running && p->limit == LIMIT_NONE && deadline < wake) wake = deadline;
		}
		wait_for_signal(wake - now);
		reap(r);
		now = mono_ns();
		for (int i = 0; i < r->n; i++) {
			struct proc *p = &r->p[i];
			if (p->running && p->limit == LIMIT_NONE && now >= p->t_start + (int64_t)p->wall_ms * MS)
				kill_proc(r, i, LIMIT_WALL);
		}
		if (r->live == 0 || now < next_tick) continue;
		enforce_cpu_and_memory(r);
		for (int i = 0; i < r->n; i++) {
			struct proc *p = &r->p[i];
			if (!p->running || !p->killed_at) continue;
			if (now - p->killed_at > KILL_TIMEOUT_NS) die("a killed process does not exit");
			kill_proc(r, i, p->limit); /* again: it may have forked between rounds */
		}
		next_tick = now + TICK_NS;
	}
}

void handle_run(const char *id, uint64_t size)
{
	struct run r = { .id = id };
	char *spec = malloc(size + 1);
	if (!spec) die("out of memory for a run spec");
	read_payload(spec, size);
	spec[size] = 0;
	if (parse_spec(&r, spec, size) < 0) {
		reply_err(id, g_err);
	} else if (start_run(&r) < 0) {
		char why[sizeof g_err];
		snprintf(why, sizeof why, "%s", g_err);
		if (kill_everything(&r) < 0) die("processes survive a failed start");
		reply_err(id, why);
	} else {
		supervise(&r);
		finish_run(&r);
	}
	for (int i = 0; i < r.n; i++) free_proc(&r.p[i]);
	free(spec);
}
