/*
 * juez-supervisor: PID 1 of every sandbox container.
 *
 * Speaks the protocol of executor/sandbox/supervisor-protocol.md on stdin/stdout and runs every compile, test
 * case and validator of a submission with fork + exec. It reports facts (CPU and wall time, memory, exit status,
 * which limit was hit), never verdicts; DOMjudge's runguard and isolate are the models.
 *
 * Privileges: uid 0 with only CAP_SETUID and CAP_SETGID. Root here has no CAP_DAC_OVERRIDE, CAP_FOWNER or
 * CAP_KILL, so the supervisor borrows a user's identity to act on that user's files (setfsuid) or processes
 * (seteuid; real and saved uid stay 0, which is what allows switching back).
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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { UID_SANDBOX = 10000, UID_VALIDATOR = 10001 };

#define HEADER_MAX 4096
#define SPEC_MAX (1u << 20)
#define PUT_MAX (1ull << 32)
#define RETURN_MAX (64u << 20)
#define MS 1000000LL                     /* nanoseconds per millisecond */
#define TICK_NS (5 * MS)                 /* the protocol promises a wake-up at least every 5 ms during a run */
#define KILL_TIMEOUT_NS (5000 * MS)      /* SIGKILLed processes normally vanish in microseconds */
#define TREE_DEPTH_MAX 200               /* each level holds one fd; deeper trees fail RESET (container replaced) */
#define RUN_DIR "/judge/run"
#define CHILD_NICE 19
#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

static struct {
	int sigfd;       /* SIGCHLD and termination signals, blocked and read here */
	int procfd;      /* /proc, rewound and re-read at poll ticks and for verification */
	int cpu_fd;      /* cgroup CPU usage of the whole container, or -1 */
	bool cpu_v2;     /* cpu.stat usage_usec (v2) instead of cpuacct.usage in ns (v1) */
	int oom_fd;      /* memory.oom_control (v1) or memory.events (v2), or -1 */
	int memstat_fd;  /* memory.stat, for its shmem line (tmpfs, memfd and shared memory pages), or -1 */
	int hiwater_fd;  /* /proc/self/clear_refs: "5" resets the supervisor's peak RSS */
	long page_kb;
} g = { .sigfd = -1, .procfd = -1, .cpu_fd = -1, .oom_fd = -1, .memstat_fd = -1, .hiwater_fd = -1 };

/* The last infrastructure error, sent as the ERR message. */
static char g_err[1024];

/* ---------------------------------------------------------------------------------------------------------------
 * Errors, logging, clocks
 */

static void log_msg(const char *fmt, ...)
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

static void __attribute__((noreturn)) die(const char *why)
{
	log_msg("fatal: %s", why);
	exit(3);
}

/* Records "<ERRNO-NAME> <what>: <strerror>" as the current error; returns -1 so callers can `return fail_errno(...)`. */
static int __attribute__((format(printf, 2, 3))) fail_errno(int err, const char *fmt, ...)
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

static int __attribute__((format(printf, 1, 2))) fail_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g_err, sizeof g_err, fmt, ap);
	va_end(ap);
	return -1;
}

static int64_t clock_ns(clockid_t clock)
{
	struct timespec ts;
	if (clock_gettime(clock, &ts) < 0) return -1;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t mono_ns(void) { return clock_ns(CLOCK_MONOTONIC); }
static int64_t self_cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

/* CPU time of any process, all its threads, in ns. The kernel allows reading the CPU clock of any thread-group
 * leader without a permission check (MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)). */
static int64_t process_cpu_ns(pid_t pid) { return clock_ns(((~(clockid_t)pid) << 3) | 2); }

static int64_t rusage_cpu_ns(const struct rusage *ru)
{
	return ((int64_t)ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000000LL +
	       ((int64_t)ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000LL;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Identity. Only these functions change credentials of the supervisor itself.
 */

/* Files and directories created by root are root:validator, so validators can read them and programs cannot. */
static gid_t group_of(uid_t uid) { return uid == 0 ? UID_VALIDATOR : uid; }

/* Switches the identity used for file permission checks and for the ownership of new files. */
static int act_as(uid_t uid)
{
	gid_t gid = group_of(uid);
	setfsuid(uid);
	setfsgid(gid);
	/* setfsuid reports no errors; an invalid id (-1) reads the current value back. */
	if ((uid_t)setfsuid((uid_t)-1) != uid || (gid_t)setfsgid((gid_t)-1) != gid)
		return fail_msg("EPERM setfsuid(%u): identity not taken", (unsigned)uid);
	return 0;
}

static void act_as_root(void)
{
	if (act_as(0) < 0) die("cannot restore the root file-system identity");
}

/* Sends SIGKILL to `target` (a pid, -pgid, or -1) with effective uid `uid`: kill(2) lets a sender signal processes
 * whose real or saved uid equals its real (0) or effective uid, so this reaches that user's processes plus our
 * children still at uid 0 before their setuid. kill(-1) never reaches the caller, which is also PID 1. */
static void kill_as(uid_t uid, pid_t target)
{
	if (setresuid((uid_t)-1, uid, (uid_t)-1) < 0) {
		log_msg("seteuid(%u) for kill: %s", (unsigned)uid, strerror(errno));
		return;
	}
	kill(target, SIGKILL);
	/* Back to euid 0: the kernel restores the effective capabilities from the permitted set, and fsuid
	 * follows euid back to 0 (fsgid was not touched). */
	if (setresuid((uid_t)-1, 0, (uid_t)-1) < 0) die("cannot restore euid 0 after kill");
}

/* ---------------------------------------------------------------------------------------------------------------
 * Signals and reaping
 */

struct run;
static void note_exit(struct run *r, pid_t pid, int status, const struct rusage *ru, int64_t now);

/* Drains the signalfd. A termination signal (docker stop) ends the supervisor: when PID 1 exits, the kernel
 * kills every other process of the namespace, so nothing needs cleaning first. */
static void drain_signals(void)
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

/* Waits up to timeout_ns (or until a signal arrives), then drains signals. */
static void wait_for_signal(int64_t timeout_ns)
{
	if (timeout_ns < 0) timeout_ns = 0;
	struct timespec ts = { timeout_ns / 1000000000LL, timeout_ns % 1000000000LL };
	struct pollfd pfd = { g.sigfd, POLLIN, 0 };
	if (ppoll(&pfd, 1, &ts, NULL) > 0) drain_signals();
}

/* Reaps every exited child (orphans are reparented to PID 1, so their zombies are ours too). */
static void reap(struct run *r)
{
	for (;;) {
		int status;
		struct rusage ru;
		pid_t pid = wait4(-1, &status, WNOHANG, &ru);
		if (pid <= 0) return;
		if (r) note_exit(r, pid, status, &ru, mono_ns());
	}
}

/* True when no process but PID 1 exists in the namespace, zombies included: kill(-1, 0) counts every other
 * process (even those it may not signal) and fails with ESRCH only when there is none. One syscall, so it is
 * the fast path at the end of every run. */
static bool alone(void) { return kill(-1, 0) < 0 && errno == ESRCH; }

/* Kills and reaps every process but PID 1, repeating until none is left (a fork bomb may still be forking while
 * the first round lands). Returns -1 if some survive KILL_TIMEOUT_NS. */
static int kill_everything(struct run *r)
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

/* Reads a directory from its start with getdents64, skipping "." and "..": no allocation, and the fd (/proc is
 * kept open) can be read again and again. */
struct dir_iter {
	int fd, err;      /* err: the errno of a failed read */
	ssize_t len, off; /* len < 0: read error */
	char buf[4096];
};

static void dir_start(struct dir_iter *it, int fd)
{
	it->fd = fd;
	it->off = 0;
	it->len = lseek(fd, 0, SEEK_SET) < 0 ? -1 : 0;
	it->err = errno;
}

/* The next entry's name, or NULL at the end or on an error (it->len < 0). */
static const char *dir_next(struct dir_iter *it)
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

/* A /proc entry that is a process other than PID 1. */
static pid_t other_pid(const char *name)
{
	return name[0] >= '1' && name[0] <= '9' && strcmp(name, "1") != 0 ? atoi(name) : 0;
}

static int count_other_processes(void)
{
	struct dir_iter it;
	int count = 0;
	dir_start(&it, g.procfd);
	for (const char *name; (name = dir_next(&it));) count += other_pid(name) > 0;
	return it.len < 0 ? -1 : count;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Protocol I/O
 */

static struct {
	char buf[1 << 16];
	size_t pos, len;
} in;

/* Refills the input buffer; blocks until stdin has data, handling signals meanwhile. Returns 0 at EOF. */
static ssize_t in_fill(void)
{
	for (;;) {
		struct pollfd pfd[2] = { { 0, POLLIN, 0 }, { g.sigfd, POLLIN, 0 } };
		if (poll(pfd, 2, -1) < 0 && errno != EINTR) return -1;
		if (pfd[1].revents) {
			drain_signals();
			reap(NULL);
		}
		if (pfd[0].revents) {
			ssize_t n = read(0, in.buf, sizeof in.buf);
			if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
			if (n > 0) {
				in.pos = 0;
				in.len = n;
			}
			return n;
		}
	}
}

/* Reads one header line without its newline. Returns its length, -1 at EOF between messages, -2 when the stream
 * cannot be trusted (EOF inside a line, a line longer than HEADER_MAX, a read error). */
static int read_line(char *line)
{
	size_t n = 0;
	for (;;) {
		if (in.pos == in.len) {
			ssize_t r = in_fill();
			if (r <= 0) return (r == 0 && n == 0) ? -1 : -2;
		}
		char *start = in.buf + in.pos, *nl = memchr(start, '\n', in.len - in.pos);
		size_t take = nl ? (size_t)(nl - start) : in.len - in.pos;
		if (n + take >= HEADER_MAX) return -2;
		memcpy(line + n, start, take);
		n += take;
		in.pos += take;
		if (nl) {
			in.pos++;
			line[n] = 0;
			return (int)n;
		}
	}
}

/* Moves exactly `size` payload bytes from stdin to fd (or nowhere if fd < 0). Keeps consuming after a write error
 * so the stream stays in sync; returns the first write errno, 0 if none. Exits if stdin ends early. */
static int pump_payload(int fd, uint64_t size)
{
	int werr = 0;
	while (size > 0) {
		if (in.pos == in.len && in_fill() <= 0) die("stdin ended inside a payload");
		size_t take = in.len - in.pos;
		if (take > size) take = size;
		for (size_t done = 0; fd >= 0 && !werr && done < take;) {
			ssize_t w = write(fd, in.buf + in.pos + done, take - done);
			if (w < 0 && errno == EINTR) continue;
			if (w < 0) werr = errno;
			else done += w;
		}
		in.pos += take;
		size -= take;
	}
	return werr;
}

/* Reads exactly `size` payload bytes into dst. Exits if stdin ends early. */
static void read_payload(char *dst, size_t size)
{
	while (size > 0) {
		if (in.pos == in.len && in_fill() <= 0) die("stdin ended inside a payload");
		size_t take = in.len - in.pos;
		if (take > size) take = size;
		memcpy(dst, in.buf + in.pos, take);
		in.pos += take;
		dst += take;
		size -= take;
	}
}

/* Writes all iovecs to stdout. If the executor stopped reading there is nobody to serve: exit. */
static void out_writev(struct iovec *iov, int cnt)
{
	while (cnt > 0) {
		ssize_t w = writev(1, iov, cnt);
		if (w < 0 && errno == EINTR) continue;
		if (w < 0) {
			log_msg("writing a response: %s", strerror(errno));
			exit(1);
		}
		while (cnt > 0 && (size_t)w >= iov->iov_len) {
			w -= iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= w;
		}
	}
}

static void reply_ok(const char *id)
{
	char h[64];
	struct iovec iov = { h, (size_t)snprintf(h, sizeof h, "OK %s\n", id) };
	out_writev(&iov, 1);
}

static void reply_err(const char *id, const char *msg)
{
	char h[64];
	size_t len = strlen(msg);
	struct iovec iov[2] = { { h, (size_t)snprintf(h, sizeof h, "ERR %s %zu\n", id, len) }, { (void *)msg, len } };
	log_msg("request %s: %s", id, msg);
	out_writev(iov, 2);
}

/* ---------------------------------------------------------------------------------------------------------------
 * Paths and files
 */

/* Absolute, no empty / "." / ".." component, no trailing slash, no whitespace or control characters. */
static bool path_is_clean(const char *p)
{
	size_t len = strlen(p);
	if (strcmp(p, "/") == 0) return true;
	if (len < 2 || len >= PATH_MAX || p[0] != '/' || p[len - 1] == '/') return false;
	for (const char *c = p; *c; c++) {
		if ((unsigned char)*c <= ' ' || *c == 0x7f) return false;
		if (c[0] == '/') {
			if (c[1] == '/') return false;
			if (c[1] == '.' && (c[2] == '/' || c[2] == 0)) return false;
			if (c[1] == '.' && c[2] == '.' && (c[3] == '/' || c[3] == 0)) return false;
		}
	}
	return true;
}

/* True if p lies strictly below dir ("/judge" → "/judge/x"). */
static bool path_below(const char *p, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(p, dir, n) == 0 && p[n] == '/' && p[n + 1] != 0;
}

/* Creates the missing parent directories of path, under the current file-system identity. */
static int make_parents(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *s = strchr(buf + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		if (mkdir(buf, mode) < 0 && errno != EEXIST) return fail_errno(errno, "mkdir %s", buf);
		*s = '/';
	}
	return 0;
}

/* Opens directory `name` (relative to parentfd, or absolute) for reading as its owner, first giving the owner
 * rwx if a program took them away (chmod 0 makes a directory undeletable for anyone without CAP_FOWNER). The
 * O_PATH open needs only search permission on the parent; the reopen through "." is checked as the owner.
 * On success the file-system identity is the directory's owner. */
static int open_dir_as_owner(int parentfd, const char *name, struct stat *st)
{
	int pfd = openat(parentfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (pfd < 0) return fail_errno(errno, "open %s", name);
	int fd = -1;
	if (fstat(pfd, st) < 0) {
		fail_errno(errno, "stat %s", name);
	} else if (act_as(st->st_uid) == 0) {
		char link[40];
		snprintf(link, sizeof link, "/proc/self/fd/%d", pfd);
		if ((st->st_mode & S_IRWXU) != S_IRWXU && chmod(link, (st->st_mode & 07777) | S_IRWXU) < 0)
			fail_errno(errno, "chmod %s", name);
		else if ((fd = openat(pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
			fail_errno(errno, "open %s", name);
	}
	close(pfd);
	return fd;
}

static int clear_dir(int dfd, uid_t owner, int depth);

/* Removes `name` from directory dfd (owned by `owner`, who may remove any entry, sticky bit or not). A directory
 * is emptied first, acting as its own owner. Symlinks are never followed. */
static int remove_entry(int dfd, uid_t owner, const char *name, int depth)
{
	struct stat st;
	if (act_as(owner) < 0) return -1;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) return errno == ENOENT ? 0 : fail_errno(errno, "stat %s", name);
	if (S_ISDIR(st.st_mode)) {
		struct stat cst;
		int cfd = open_dir_as_owner(dfd, name, &cst);
		if (cfd < 0) return -1;
		int rc = clear_dir(cfd, cst.st_uid, depth + 1);
		close(cfd);
		if (rc < 0 || act_as(owner) < 0) return -1;
	}
	if (unlinkat(dfd, name, S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) < 0 && errno != ENOENT)
		return fail_errno(errno, "remove %s", name);
	return 0;
}

/* Empties the directory open as dfd. Passes repeat until a pass finds it empty, so entries the first pass
 * could not see (directory offsets move while deleting) are not left behind. */
static int clear_dir(int dfd, uid_t owner, int depth)
{
	if (depth > TREE_DEPTH_MAX) return fail_msg("ELOOP directory tree deeper than %d levels", TREE_DEPTH_MAX);
	struct dir_iter it;
	for (;;) {
		bool saw = false, removed = false;
		dir_start(&it, dfd);
		for (const char *name; (name = dir_next(&it));) {
			saw = true;
			removed |= remove_entry(dfd, owner, name, depth) == 0;
		}
		if (it.len < 0) return fail_errno(it.err, "read directory");
		if (!saw) return 0;
		if (!removed) return -1; /* no progress: g_err says why */
	}
}

/* Empties the directory at `path` (keeping it); `mode`, if not 0, is restored on it afterwards by its owner. */
static int clear_tree(const char *path, mode_t mode)
{
	struct stat st;
	int fd = open_dir_as_owner(AT_FDCWD, path, &st), rc = -1;
	if (fd >= 0) {
		rc = clear_dir(fd, st.st_uid, 0);
		if (rc == 0 && mode && fchmod(fd, mode) < 0) rc = fail_errno(errno, "chmod %s", path);
		close(fd);
	}
	act_as_root();
	return rc;
}

/* Number of entries in the directory at path, or -1. */
static int count_entries(const char *path)
{
	struct stat st;
	struct dir_iter it;
	int fd = open_dir_as_owner(AT_FDCWD, path, &st), count = 0;
	act_as_root();
	if (fd < 0) return -1;
	dir_start(&it, fd);
	while (dir_next(&it)) count++;
	close(fd);
	return it.len < 0 ? -1 : count;
}

/* Removes a file or a whole tree. */
static int remove_path(const char *path)
{
	char parent[PATH_MAX];
	snprintf(parent, sizeof parent, "%s", path);
	char *slash = strrchr(parent, '/');
	*slash = 0;
	struct stat pst;
	int pfd = open_dir_as_owner(AT_FDCWD, parent[0] ? parent : "/", &pst), rc = -1;
	if (pfd >= 0) {
		rc = remove_entry(pfd, pst.st_uid, slash + 1, 0);
		close(pfd);
	}
	act_as_root();
	return rc;
}

/* /judge/run holds the captured output of runs; it is root:validator 0750 so validators can read it. */
static void ensure_run_dir(void)
{
	if (mkdir(RUN_DIR, 0750) < 0 && errno != EEXIST) log_msg("mkdir " RUN_DIR ": %s", strerror(errno));
}

/* The sandbox's secrecy rests on these owners and modes. runc gives a tmpfs mounted over an existing directory
 * that directory's mode (whatever mode= says), so they are checked, and set by the owner, rather than trusted. */
static void secure_mount_points(void)
{
	static const struct {
		const char *path;
		uid_t owner;
		mode_t mode;
	} points[] = { { "/judge", 0, 0750 }, { "/work", UID_SANDBOX, 0700 }, { "/tmp", 0, 01777 } };
	for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
		struct stat st;
		if (stat(points[i].path, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != points[i].owner)
			die("a mount point is missing or has the wrong owner (/judge root, /work sandbox, /tmp root)");
		if ((st.st_mode & 07777) == points[i].mode) continue;
		log_msg("%s had mode %o; setting %o", points[i].path, st.st_mode & 07777, points[i].mode);
		if (act_as(points[i].owner) < 0 || chmod(points[i].path, points[i].mode) < 0) die("cannot fix a mount point's mode");
		act_as_root();
	}
}

/* ---------------------------------------------------------------------------------------------------------------
 * cgroup accounting
 */

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
	if (g.cpu_v2) {
		int64_t us = read_number(g.cpu_fd, "usage_usec");
		return us < 0 ? -1 : us * 1000;
	}
	return read_number(g.cpu_fd, NULL);
}

static void open_cgroup_files(void)
{
	g.cpu_fd = open("/sys/fs/cgroup/cpuacct/cpuacct.usage", O_RDONLY | O_CLOEXEC);
	if (g.cpu_fd < 0) g.cpu_fd = open("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", O_RDONLY | O_CLOEXEC);
	if (g.cpu_fd < 0) {
		g.cpu_fd = open("/sys/fs/cgroup/cpu.stat", O_RDONLY | O_CLOEXEC);
		g.cpu_v2 = g.cpu_fd >= 0;
	}
	g.oom_fd = open("/sys/fs/cgroup/memory/memory.oom_control", O_RDONLY | O_CLOEXEC);
	if (g.oom_fd < 0) g.oom_fd = open("/sys/fs/cgroup/memory.events", O_RDONLY | O_CLOEXEC);
	if (cgroup_cpu_ns() < 0) {
		log_msg("no cgroup CPU accounting; falling back to rusage");
		if (g.cpu_fd >= 0) close(g.cpu_fd);
		g.cpu_fd = -1;
	}
	if (g.oom_fd < 0) log_msg("no cgroup OOM counter; oomKills will be 0");
	g.memstat_fd = open("/sys/fs/cgroup/memory/memory.stat", O_RDONLY | O_CLOEXEC);
	if (g.memstat_fd < 0) g.memstat_fd = open("/sys/fs/cgroup/memory.stat", O_RDONLY | O_CLOEXEC);
	if (read_number(g.memstat_fd, "shmem") < 0) {
		log_msg("no cgroup shmem counter; memory kept in files (tmpfs, memfd) will not count");
		if (g.memstat_fd >= 0) close(g.memstat_fd);
		g.memstat_fd = -1;
	}
}

/* ---------------------------------------------------------------------------------------------------------------
 * Runs: spec
 */

enum limit_kind { LIMIT_NONE, LIMIT_CPU, LIMIT_WALL, LIMIT_MEMORY, LIMIT_OUTPUT };
static const char *const limit_json[] = { "null", "\"cpu\"", "\"wall\"", "\"memory\"", "\"output\"" };

/* Where a child failed between fork and exec; written to a close-on-exec pipe, so EOF there means exec worked. */
enum child_step { STEP_STDIO, STEP_RLIMIT, STEP_NICE, STEP_SETSID, STEP_SETGROUPS, STEP_SETGID, STEP_SETUID, STEP_VERIFY_IDS,
		  STEP_CHDIR, STEP_CLOSE_FDS, STEP_EXEC };
static const char *const step_names[] = { "dup2 stdio", "setrlimit", "setpriority", "setsid", "setgroups", "setgid", "setuid",
					   "verify ids", "chdir", "close fds", "execve" };
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

static int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
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

static int push(char ***vec, size_t *count, char *value)
{
	char **grown = realloc(*vec, (*count + 2) * sizeof **vec);
	if (!grown) return fail_errno(ENOMEM, "spec");
	grown[(*count)++] = value;
	grown[*count] = NULL;
	*vec = grown;
	return 0;
}

static void init_proc(struct proc *p)
{
	memset(p, 0, sizeof *p);
	p->uid = UID_SANDBOX;
	p->cwd = "/work";
	p->cpu_ms = 1000;
	p->memory_kb = 262144;
	p->output_kb = 65536;
	p->nofile = 256;
	p->fd_in = p->fd_out = p->fd_err = p->err_pipe = -1;
	p->argv = calloc(1, sizeof *p->argv);
	p->envp = calloc(1, sizeof *p->envp);
}

static void free_proc(struct proc *p)
{
	free(p->argv);
	free(p->envp);
	free(p->exec_paths);
	int fds[] = { p->fd_in, p->fd_out, p->fd_err, p->err_pipe };
	for (int i = 0; i < 4; i++)
		if (fds[i] >= 0 && (i != 2 || fds[2] != fds[1])) close(fds[i]);
}

/* One `key=value` line of a spec into p. */
static int parse_spec_line(struct proc *p, char *line)
{
	char *eq = strchr(line, '=');
	if (!eq) return fail_msg("EINVAL spec line without '=': %.100s", line);
	*eq = 0;
	const char *key = line;
	char *v = eq + 1;
	static const struct {
		const char *key;
		size_t offset;
		uint64_t min, max;
	} numbers[] = {
		{ "cpu_ms", offsetof(struct proc, cpu_ms), 1, 86400000 },
		{ "wall_ms", offsetof(struct proc, wall_ms), 1, 3 * 86400000ull + 1000 },
		{ "memory_kb", offsetof(struct proc, memory_kb), 1, 1ull << 32 },
		{ "output_kb", offsetof(struct proc, output_kb), 0, 1ull << 32 },
		{ "stack_kb", offsetof(struct proc, stack_kb), 1, 1ull << 32 },
		{ "nofile", offsetof(struct proc, nofile), 4, 1 << 20 },
		{ "return_stdout", offsetof(struct proc, return_stdout), 0, RETURN_MAX },
		{ "return_stderr", offsetof(struct proc, return_stderr), 0, RETURN_MAX },
	};
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		if (strcmp(key, numbers[i].key) != 0) continue;
		if (parse_uint(v, numbers[i].min, numbers[i].max, (uint64_t *)((char *)p + numbers[i].offset)) < 0)
			return fail_msg("EINVAL spec %s=%.40s: not an integer in [%" PRIu64 ", %" PRIu64 "]", key, v,
					numbers[i].min, numbers[i].max);
		p->wall_set |= strcmp(key, "wall_ms") == 0;
		p->stack_set |= strcmp(key, "stack_kb") == 0;
		return 0;
	}
	if (strcmp(key, "arg") == 0) return push(&p->argv, &p->argc, v);
	if (strcmp(key, "env") == 0) {
		if (v[0] == '=' || !strchr(v, '=')) return fail_msg("EINVAL spec env without NAME=: %.100s", v);
		return push(&p->envp, &p->envc, v);
	}
	if (strcmp(key, "user") == 0) {
		if (strcmp(v, "sandbox") == 0) p->uid = UID_SANDBOX;
		else if (strcmp(v, "validator") == 0) p->uid = UID_VALIDATOR;
		else return fail_msg("EINVAL spec user=%.40s: sandbox or validator", v);
		return 0;
	}
	const char **paths[] = { &p->cwd, &p->in_path, &p->out_path, &p->err_path };
	const char *keys[] = { "cwd", "stdin", "stdout", "stderr" }, *keywords[] = { NULL, "pipe", "pipe", "stdout" };
	for (int i = 0; i < 4; i++) {
		if (strcmp(key, keys[i]) != 0) continue;
		if (!(keywords[i] && strcmp(v, keywords[i]) == 0) && !path_is_clean(v))
			return fail_msg("EINVAL spec %s=%.100s: not a clean absolute path", key, v);
		*paths[i] = v;
		return 0;
	}
	return fail_msg("EINVAL spec: unknown key %.40s", key);
}

/* The candidate paths for argv[0]: itself if it contains a slash, else each directory of the env's PATH (the
 * given environment's, not the supervisor's, unlike execvpe). Computed before fork. */
static int resolve_program(struct proc *p)
{
	const char *prog = p->argv[0], *path = DEFAULT_PATH;
	for (size_t i = 0; i < p->envc; i++)
		if (strncmp(p->envp[i], "PATH=", 5) == 0) {
			path = p->envp[i] + 5;
			break;
		}
	if (strchr(prog, '/')) {
		p->exec_paths = strdup(prog);
		p->exec_count = 1;
		return p->exec_paths ? 0 : fail_errno(ENOMEM, "spec");
	}
	size_t dirs = 1;
	for (const char *c = path; *c; c++) dirs += *c == ':';
	size_t len = 0, cap = strlen(path) + dirs * (strlen(prog) + 2);
	if (!(p->exec_paths = malloc(cap))) return fail_errno(ENOMEM, "spec");
	for (const char *dir = path;; dir++) {
		const char *end = strchrnul(dir, ':');
		/* An empty PATH element means the current directory, as in execvp. */
		len += (size_t)sprintf(p->exec_paths + len, "%.*s%s%s", (int)(end - dir), dir, end > dir ? "/" : "",
				       prog) + 1;
		p->exec_count++;
		if (!*end) break;
		dir = end;
	}
	return 0;
}

/* Parses a run spec (text is NUL-terminated and modified in place; values point into it). */
static int parse_spec(struct run *r, char *text, size_t len)
{
	if (strlen(text) != len) return fail_msg("EINVAL spec contains a NUL byte");
	r->n = 1;
	init_proc(&r->p[0]);
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next) *next++ = 0;
		if (!*line) continue;
		if (strcmp(line, "--") == 0) {
			if (r->n == 2) return fail_msg("EINVAL spec: more than two processes");
			init_proc(&r->p[r->n++]);
			continue;
		}
		if (parse_spec_line(&r->p[r->n - 1], line) < 0) return -1;
	}
	for (int i = 0; i < r->n; i++) {
		struct proc *p = &r->p[i];
		if (p->argc == 0) return fail_msg("EINVAL spec: process %d has no arg", i);
		if (!p->wall_set) p->wall_ms = 3 * p->cpu_ms + 1000;
		if (!p->stack_set) p->stack_kb = p->memory_kb;
		if (resolve_program(p) < 0) return -1;
		snprintf(p->default_out, sizeof p->default_out, RUN_DIR "/stdout-%s-%d", r->id, i);
		snprintf(p->default_err, sizeof p->default_err, RUN_DIR "/stderr-%s-%d", r->id, i);
		if (!p->out_path) p->out_path = p->default_out;
		if (!p->err_path) p->err_path = p->default_err;
		if (!p->in_path) p->in_path = "/dev/null";
	}
	/* A pipe connects one process's stdout to the other's stdin; both ends must be declared. */
	for (int i = 0; i < r->n; i++) {
		bool out_pipe = strcmp(r->p[i].out_path, "pipe") == 0;
		bool peer_in_pipe = r->n == 2 && strcmp(r->p[1 - i].in_path, "pipe") == 0;
		if (out_pipe != peer_in_pipe || (r->n == 1 && strcmp(r->p[0].in_path, "pipe") == 0))
			return fail_msg("EINVAL spec: stdout=pipe of one process needs stdin=pipe of the other");
	}
	return 0;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Runs: starting processes
 */

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

	/* A vfork child shares the supervisor's memory until exec, and exec records that memory's peak RSS as the
	 * child's starting ru_maxrss: without this reset, one RESULT that returned 30 MB of output would make
	 * every later run report 30 MB. */
	if (g.hiwater_fd >= 0) (void)!pwrite(g.hiwater_fd, "5", 1, 0);
	r->oom0 = read_number(g.oom_fd, "oom_kill");
	r->shmem0 = read_number(g.memstat_fd, "shmem");
	r->judge0 = used_bytes("/judge");
	r->self0 = self_cpu_ns();
	r->cpu0 = g.cpu_fd >= 0 ? cgroup_cpu_ns() : -1;
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

/* ---------------------------------------------------------------------------------------------------------------
 * Runs: supervision
 */

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

static void note_exit(struct run *r, pid_t pid, int status, const struct rusage *ru, int64_t now)
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

/* Sums resident memory (and, for two processes, CPU) of every process but PID 1, per process of the run. */
static void sample_processes(struct run *r, uint64_t mem_kb[2], int64_t cpu_ns[2])
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
		mem_kb[i] += (uint64_t)(rss > 0 ? rss : 0) * (uint64_t)g.page_kb;
		int64_t c = r->n == 2 ? process_cpu_ns(pid) : 0;
		if (c > 0) cpu_ns[i] += c;
	}
}

/* CPU time of a one-process run so far: the container's usage minus the supervisor's own, or the rusage
 * fallback when the cgroup file is unavailable. */
static int64_t run_cpu_ns(const struct run *r, int64_t polled_ns)
{
	if (g.cpu_fd < 0 || r->cpu0 < 0) return polled_ns + r->orphan_cpu_ns;
	int64_t v = (cgroup_cpu_ns() - r->cpu0) - (self_cpu_ns() - r->self0);
	return v > 0 ? v : 0;
}

/* Memory the run keeps outside its processes: how much the container's shmem grew since the run started (files in
 * the tmpfs /work, /tmp and /dev/shm, memfds, SysV and POSIX shared memory), less what /judge grew (a tmpfs too,
 * but only the run's output files and a validator's feedback land there, and output_kb limits the output).
 * Resident set sizes miss all of it, so without this a program could keep its data in /tmp far beyond memory_kb.
 * Shared memory that is mapped also counts in the RSS of each process mapping it: only programs that share memory
 * between processes pay that twice. */
static uint64_t kept_in_files_kb(const struct run *r)
{
	int64_t shmem = read_number(g.memstat_fd, "shmem"), judge = used_bytes("/judge");
	if (r->shmem0 < 0 || shmem < 0 || r->judge0 < 0 || judge < 0) return 0;
	int64_t grown = (shmem - r->shmem0) - (judge - r->judge0);
	return grown > 0 ? (uint64_t)grown / 1024 : 0;
}

/* The process of the run that files count for: the program (user sandbox); of two processes of one user, the first.
 * An interactor's own files in /tmp are charged to the program it runs with. */
static int file_keeper(const struct run *r)
{
	return r->n == 2 && r->p[0].uid != UID_SANDBOX && r->p[1].uid == UID_SANDBOX ? 1 : 0;
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
		if (g.cpu_fd < 0) cpu[0] = process_cpu_ns(p->pid); /* descendants are only known at the end */
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

/* ---------------------------------------------------------------------------------------------------------------
 * Runs: facts
 */

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

/* Ends a run (kills leftovers, reports setup failures) and sends RESULT. */
static void finish_run(struct run *r)
{
	int64_t cpu_total = run_cpu_ns(r, 0);
	/* Files outlive their writers: what a quick program left in tmpfs between two polls counts too. */
	struct proc *keeper = &r->p[file_keeper(r)];
	uint64_t kept_kb = kept_in_files_kb(r);
	if (kept_kb > keeper->mem_peak_kb) keeper->mem_peak_kb = kept_kb;
	int64_t oom = read_number(g.oom_fd, "oom_kill");
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
		int64_t cpu_ns = r->n == 1 ? (g.cpu_fd >= 0 ? cpu_total : rusage_ns + r->orphan_cpu_ns)
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

/* ---------------------------------------------------------------------------------------------------------------
 * Requests
 */

static void handle_run(const char *id, uint64_t size)
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

/* Directory modes per owner: validators need to enter root's dirs; nobody but the program enters /work. */
static mode_t dir_mode(uid_t owner) { return owner == UID_SANDBOX ? 0700 : 0750; }

static int parse_owner(const char *s, const char *path, uid_t *uid)
{
	if (strcmp(s, "root") == 0) *uid = 0;
	else if (strcmp(s, "sandbox") == 0) *uid = UID_SANDBOX;
	else if (strcmp(s, "validator") == 0) *uid = UID_VALIDATOR;
	else return fail_msg("EINVAL owner %.40s: root, sandbox or validator", s);
	if (!path_is_clean(path)) return fail_msg("EINVAL path %.200s: not a clean absolute path", path);
	if (!path_below(path, *uid == UID_SANDBOX ? "/work" : "/judge"))
		return fail_msg("EACCES %s files may only be written below %s/", s, *uid == UID_SANDBOX ? "/work" : "/judge");
	return 0;
}

static void handle_put(const char *id, const char *owner, const char *mode_s, uint64_t size, const char *path)
{
	uid_t uid = 0;
	int fd = -1;
	char *end;
	/* mode: octal permission bits only (no set-id bits, even though no_new_privs makes them inert) */
	unsigned long mode = strtoul(mode_s, &end, 8);
	if (parse_owner(owner, path, &uid) < 0) {
		/* g_err is set */
	} else if (*end || !*mode_s || mode > 0777) {
		fail_msg("EINVAL mode %.20s: octal, at most 0777", mode_s);
	} else if (act_as(uid) == 0) {
		/* Written under the owner's identity, so ownership is natural and the owner's permissions apply. */
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode);
		if (fd < 0 && errno == ENOENT && make_parents(path, dir_mode(uid)) == 0)
			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode);
		if (fd < 0 && g_err[0] == 0) fail_errno(errno, "open %s", path);
		if (fd >= 0 && fchmod(fd, (mode_t)mode) < 0) fail_errno(errno, "chmod %s", path);
	}
	act_as_root();
	int werr = pump_payload(g_err[0] ? -1 : fd, size);
	if (werr && g_err[0] == 0) fail_errno(werr, "write %s", path);
	if (fd >= 0 && close(fd) < 0 && g_err[0] == 0) fail_errno(errno, "close %s", path);
	if (fd >= 0 && g_err[0]) { /* a partial file must not look like cached data */
		if (act_as(uid) == 0) unlink(path);
		act_as_root();
	}
	if (g_err[0]) reply_err(id, g_err);
	else reply_ok(id);
}

static void handle_get(const char *id, const char *path)
{
	struct stat st;
	int fd = -1;
	if (!path_is_clean(path) || !path_below(path, "/judge")) fail_msg("EACCES GET only below /judge/: %.200s", path);
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) fail_errno(errno, "open %s", path);
	else if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) fail_msg("EINVAL %s is not a regular file", path);
	if (g_err[0]) {
		if (fd >= 0) close(fd);
		reply_err(id, g_err);
		return;
	}
	char h[64], buf[1 << 16];
	uint64_t size = (uint64_t)st.st_size;
	struct iovec iov = { h, (size_t)snprintf(h, sizeof h, "DATA %s %" PRIu64 "\n", id, size) };
	out_writev(&iov, 1);
	/* The header promised `size` bytes; nothing runs between requests, so the file cannot shrink, but if a
	 * read fails the stream is padded with zeros to stay in sync. */
	for (uint64_t done = 0; done < size;) {
		size_t want = size - done > sizeof buf ? sizeof buf : size - done;
		ssize_t n = read(fd, buf, want);
		if (n <= 0) {
			memset(buf, 0, want);
			n = (ssize_t)want;
			log_msg("GET %s: short read, padded", path);
		}
		struct iovec chunk = { buf, (size_t)n };
		out_writev(&chunk, 1);
		done += n;
	}
	close(fd);
}

static void handle_del(const char *id, const char *path)
{
	struct stat st;
	if (!path_is_clean(path) || !path_below(path, "/judge")) fail_msg("EACCES DEL only below /judge/: %.200s", path);
	else if (lstat(path, &st) < 0) fail_errno(errno, "stat %s", path);
	else remove_path(path);
	ensure_run_dir();
	if (g_err[0]) reply_err(id, g_err);
	else reply_ok(id);
}

static void handle_mkdir(const char *id, const char *owner, const char *path)
{
	uid_t uid;
	struct stat st;
	/* root dirs are 0770 so validators can write feedback files into them */
	mode_t mode = 0;
	if (parse_owner(owner, path, &uid) == 0 && act_as(uid) == 0 && make_parents(path, dir_mode(uid)) == 0) {
		mode = uid == 0 ? 0770 : dir_mode(uid);
		if (mkdir(path, mode) < 0) {
			if (errno != EEXIST) fail_errno(errno, "mkdir %s", path);
			else if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode)) fail_msg("EEXIST %s is not a directory", path);
			else if (st.st_uid == uid && (st.st_mode & 07777) != mode && chmod(path, mode) < 0)
				fail_errno(errno, "chmod %s", path);
		}
	}
	act_as_root();
	if (g_err[0]) reply_err(id, g_err);
	else reply_ok(id);
}

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

static void handle_reset(const char *id)
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

/* ---------------------------------------------------------------------------------------------------------------
 * Main loop
 */

/* Splits a header line on single spaces. Returns the number of fields (max + 1 if there are more); an empty
 * field (two spaces in a row, or one at either end) sets *empty_field. */
static int split_header(char *line, char *tok[], int max, bool *empty_field)
{
	int n = 0;
	*empty_field = false;
	for (char *s = line;; s++) {
		if (n == max) return max + 1;
		tok[n++] = s;
		s = strchrnul(s, ' ');
		*empty_field |= s == tok[n - 1];
		if (!*s) return n;
		*s = 0;
	}
}

static bool valid_id(const char *s)
{
	uint64_t v;
	return parse_uint(s, 0, UINT64_MAX / 10, &v) == 0;
}

/* A request whose payload length is unknown leaves the stream out of sync: answer and exit. */
static void __attribute__((noreturn)) lost_sync(const char *id, const char *why)
{
	reply_err(id, why);
	log_msg("request stream out of sync: %s", why);
	exit(2);
}

/* Requests: their field count and, for those with a payload, which field holds its size. */
enum request { REQ_PING, REQ_PUT, REQ_GET, REQ_DEL, REQ_MKDIR, REQ_RUN, REQ_RESET, REQ_COUNT };
static const struct {
	const char *verb;
	int fields, size_field;
	uint64_t size_max;
} requests[REQ_COUNT] = {
	[REQ_PING] = { "PING", 2, 0, 0 },   [REQ_PUT] = { "PUT", 6, 4, PUT_MAX },  [REQ_GET] = { "GET", 3, 0, 0 },
	[REQ_DEL] = { "DEL", 3, 0, 0 },     [REQ_MKDIR] = { "MKDIR", 4, 0, 0 },    [REQ_RUN] = { "RUN", 3, 2, SPEC_MAX },
	[REQ_RESET] = { "RESET", 2, 0, 0 },
};

static void dispatch(char *line)
{
	char *f[8];
	bool empty_field;
	int n = split_header(line, f, 8, &empty_field);
	bool id_ok = n >= 2 && valid_id(f[1]);
	const char *id = id_ok ? f[1] : "0";
	enum request r = 0;
	while (r < REQ_COUNT && strcmp(f[0], requests[r].verb) != 0) r++;
	if (r == REQ_COUNT) lost_sync(id, "EPROTO unknown request");
	uint64_t size = 0;
	int sf = requests[r].size_field;
	if (sf && (empty_field || n <= sf || parse_uint(f[sf], 0, requests[r].size_max, &size) < 0))
		lost_sync(id, "EPROTO payload size missing or too large");
	if (n != requests[r].fields || empty_field || !id_ok) {
		/* The payload length is known, so the stream stays in sync. */
		pump_payload(-1, size);
		reply_err(id, "EPROTO malformed request");
		return;
	}
	g_err[0] = 0;
	switch (r) {
	case REQ_PING: reply_ok(id); break;
	case REQ_PUT: handle_put(id, f[2], f[3], size, f[5]); break;
	case REQ_GET: handle_get(id, f[2]); break;
	case REQ_DEL: handle_del(id, f[2]); break;
	case REQ_MKDIR: handle_mkdir(id, f[2], f[3]); break;
	case REQ_RUN: handle_run(id, size); break;
	case REQ_RESET: handle_reset(id); break;
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
	if ((g.hiwater_fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)) < 0)
		log_msg("open /proc/self/clear_refs: %s; memoryKb may include the supervisor's own peak", strerror(errno));
	g.page_kb = sysconf(_SC_PAGESIZE) / 1024;
	open_cgroup_files();
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
	struct iovec ready = { "READY 0\n", 8 };
	out_writev(&ready, 1);
	char line[HEADER_MAX];
	for (;;) {
		int n = read_line(line);
		if (n == -1) return 0; /* the executor closed stdin: done */
		if (n == -2) lost_sync("0", "EPROTO header line too long or truncated");
		dispatch(line);
	}
}
