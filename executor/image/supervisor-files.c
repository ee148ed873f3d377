/*
 * Paths and directory trees, acted on as their owners. Root here cannot override permissions, so every
 * operation on a user's tree borrows that user's identity, and removing a tree a program chmod'ed shut means
 * giving the owner its rights back first. Used by the file requests and by RESET.
 */
#define _GNU_SOURCE
#include "supervisor-files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-identity.h"

#define TREE_DEPTH_MAX 200 /* each level holds one fd; deeper trees fail RESET (container replaced) */

bool path_is_clean(const char *p)
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

bool path_below(const char *p, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(p, dir, n) == 0 && p[n] == '/' && p[n + 1] != 0;
}

int make_parents(const char *path, mode_t mode)
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

int clear_tree(const char *path, mode_t mode)
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

int count_entries(const char *path)
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

int remove_path(const char *path)
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

void ensure_run_dir(void)
{
	if (mkdir(RUN_DIR, 0750) < 0 && errno != EEXIST) log_msg("mkdir " RUN_DIR ": %s", strerror(errno));
}

void secure_mount_points(void)
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
