/*
 * Measuring: CPU time, memory and OOM kills of a run, from the container's cgroup counters and /proc. The
 * cgroup counts everything in the container, descendants and files included, so it is preferred; per-process
 * /proc samples split the figures between the two processes of an interactive run, and rusage is the fallback
 * where the cgroup file is missing.
 */
#define _GNU_SOURCE
#include "supervisor-measure.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-processes.h"
#include "supervisor-run.h"

static struct {
	int cpu_fd;      /* cgroup CPU usage of the whole container, or -1 */
	bool cpu_v2;     /* cpu.stat usage_usec (v2) instead of cpuacct.usage in ns (v1) */
	int oom_fd;      /* memory.oom_control (v1) or memory.events (v2), or -1 */
	int memstat_fd;  /* memory.stat, for its shmem line (tmpfs, memfd and shared memory pages), or -1 */
	int hiwater_fd;  /* /proc/self/clear_refs: "5" resets the supervisor's peak RSS */
	long page_kb;
} m = { .cpu_fd = -1, .oom_fd = -1, .memstat_fd = -1, .hiwater_fd = -1 };

static int64_t self_cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

int64_t process_cpu_ns(pid_t pid) { return clock_ns(((~(clockid_t)pid) << 3) | 2); }

int64_t rusage_cpu_ns(const struct rusage *ru)
{
	return ((int64_t)ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000000LL +
	       ((int64_t)ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000LL;
}

/* Reads a small file and returns the number after "key " (key NULL: the first number), or -1. */
static int64_t read_number(int fd, const char *key)
{
	char buf[2048];
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0) return -1;
	buf[n] = 0;
	const char *p = buf;
	if (key) {
		size_t klen = strlen(key);
		for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
			if (strncmp(p, key, klen) == 0 && p[klen] == ' ') break;
		if (!p) return -1;
		p += klen + 1;
	}
	return strtoll(p, NULL, 10);
}

/* Bytes in use on the file system that holds path (for a tmpfs: its pages), or -1. */
static int64_t used_bytes(const char *path)
{
	struct statfs fs;
	return statfs(path, &fs) == 0 ? (int64_t)(fs.f_blocks - fs.f_bfree) * (int64_t)fs.f_bsize : -1;
}

/* CPU time of every process in the container (the supervisor included), in ns, or -1. */
static int64_t cgroup_cpu_ns(void)
{
	if (m.cpu_v2) {
		int64_t us = read_number(m.cpu_fd, "usage_usec");
		return us < 0 ? -1 : us * 1000;
	}
	return read_number(m.cpu_fd, NULL);
}

static void open_cgroup_files(void)
{
	m.cpu_fd = open("/sys/fs/cgroup/cpuacct/cpuacct.usage", O_RDONLY | O_CLOEXEC);
	if (m.cpu_fd < 0) m.cpu_fd = open("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", O_RDONLY | O_CLOEXEC);
	if (m.cpu_fd < 0) {
		m.cpu_fd = open("/sys/fs/cgroup/cpu.stat", O_RDONLY | O_CLOEXEC);
		m.cpu_v2 = m.cpu_fd >= 0;
	}
	m.oom_fd = open("/sys/fs/cgroup/memory/memory.oom_control", O_RDONLY | O_CLOEXEC);
	if (m.oom_fd < 0) m.oom_fd = open("/sys/fs/cgroup/memory.events", O_RDONLY | O_CLOEXEC);
	if (cgroup_cpu_ns() < 0) {
		log_msg("no cgroup CPU accounting; falling back to rusage");
		if (m.cpu_fd >= 0) close(m.cpu_fd);
		m.cpu_fd = -1;
	}
	if (m.oom_fd < 0) log_msg("no cgroup OOM counter; oomKills will be 0");
	m.memstat_fd = open("/sys/fs/cgroup/memory/memory.stat", O_RDONLY | O_CLOEXEC);
	if (m.memstat_fd < 0) m.memstat_fd = open("/sys/fs/cgroup/memory.stat", O_RDONLY | O_CLOEXEC);
	if (read_number(m.memstat_fd, "shmem") < 0) {
		log_msg("no cgroup shmem counter; memory kept in files (tmpfs, memfd) will not count");
		if (m.memstat_fd >= 0) close(m.memstat_fd);
		m.memstat_fd = -1;
	}
}

void measure_init(void)
{
	if ((m.hiwater_fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)) < 0)
		log_msg("open /proc/self/clear_refs: %s; memoryKb may include the supervisor's own peak", strerror(errno));
	m.page_kb = sysconf(_SC_PAGESIZE) / 1024;
	open_cgroup_files();
}

bool cgroup_cpu_known(void) { return m.cpu_fd >= 0; }

void take_baselines(struct run *r)
{
	/* A vfork child shares the supervisor's memory until exec, and exec records that memory's peak RSS as the
	 * child's starting ru_maxrss: without this reset, one RESULT that returned 30 MB of output would make
	 * every later run report 30 MB. */
	if (m.hiwater_fd >= 0) (void)!pwrite(m.hiwater_fd, "5", 1, 0);
	r->oom0 = read_number(m.oom_fd, "oom_kill");
	r->shmem0 = read_number(m.memstat_fd, "shmem");
	r->judge0 = used_bytes("/judge");
	r->self0 = self_cpu_ns();
	r->cpu0 = m.cpu_fd >= 0 ? cgroup_cpu_ns() : -1;
}

int64_t oom_kill_count(void) { return read_number(m.oom_fd, "oom_kill"); }

/* Which process of the run a pid belongs to: a main pid, else by uid when the sides are different users, else
 * by session (each main process starts its own). */
static int attribute(const struct run *r, pid_t pid, uid_t uid, pid_t session)
{
	if (r->n == 1) return 0;
	for (int i = 0; i < 2; i++)
		if (r->p[i].pid == pid) return i;
	if (r->p[0].uid != r->p[1].uid) return uid == r->p[1].uid ? 1 : 0;
	return session == r->p[1].pid ? 1 : 0;
}

void sample_processes(struct run *r, uint64_t mem_kb[2], int64_t cpu_ns[2])
{
	char path[300], stat[1024];
	struct dir_iter it;
	mem_kb[0] = mem_kb[1] = 0;
	cpu_ns[0] = cpu_ns[1] = 0;
	dir_start(&it, g.procfd);
	for (const char *name; (name = dir_next(&it));) {
		pid_t pid = other_pid(name);
		if (pid <= 0) continue;
		snprintf(path, sizeof path, "%s/stat", name);
		int fd = openat(g.procfd, path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) continue; /* exited meanwhile */
		ssize_t len = read(fd, stat, sizeof stat - 1);
		struct stat st = { 0 };
		if (r->n == 2) fstat(fd, &st); /* /proc/<pid> belongs to the process's euid */
		close(fd);
		if (len <= 0) continue;
		stat[len] = 0;
		/* Fields 6 (session) and 24 (rss, pages), counted after the command name, which may itself contain
		 * spaces and parentheses. */
		char *f = strrchr(stat, ')');
		long session = 0, rss = 0;
		if (!f || sscanf(f + 2, "%*c %*d %*d %ld %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d "
				   "%*u %*u %ld", &session, &rss) != 2)
			continue;
		int i = attribute(r, pid, st.st_uid, (pid_t)session);
		mem_kb[i] += (uint64_t)(rss > 0 ? rss : 0) * (uint64_t)m.page_kb;
		int64_t c = r->n == 2 ? process_cpu_ns(pid) : 0;
		if (c > 0) cpu_ns[i] += c;
	}
}

int64_t run_cpu_ns(const struct run *r, int64_t polled_ns)
{
	if (m.cpu_fd < 0 || r->cpu0 < 0) return polled_ns + r->orphan_cpu_ns;
	int64_t v = (cgroup_cpu_ns() - r->cpu0) - (self_cpu_ns() - r->self0);
	return v > 0 ? v : 0;
}

uint64_t kept_in_files_kb(const struct run *r)
{
	int64_t shmem = read_number(m.memstat_fd, "shmem"), judge = used_bytes("/judge");
	if (r->shmem0 < 0 || shmem < 0 || r->judge0 < 0 || judge < 0) return 0;
	int64_t grown = (shmem - r->shmem0) - (judge - r->judge0);
	return grown > 0 ? (uint64_t)grown / 1024 : 0;
}

int file_keeper(const struct run *r)
{
	return r->n == 2 && r->p[0].uid != UID_SANDBOX && r->p[1].uid == UID_SANDBOX ? 1 : 0;
}
