/*
 * PUT, GET, DEL and MKDIR: the executor's only ways to touch files in the container. Writes go where their
 * owner may write (programs below /work, root and validators below /judge) and happen under the owner's
 * identity, so ownership comes out right and the owner's permissions apply; reads and deletes stay below
 * /judge, where the supervisor keeps test data and captured output.
 */
#define _GNU_SOURCE
#include "supervisor-file-requests.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-files.h"
#include "supervisor-identity.h"
#include "supervisor-protocol.h"

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

void handle_put(const char *id, const char *owner, const char *mode_s, uint64_t size, const char *path)
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

void handle_get(const char *id, const char *path)
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

void handle_del(const char *id, const char *path)
{
	struct stat st;
	if (!path_is_clean(path) || !path_below(path, "/judge")) fail_msg("EACCES DEL only below /judge/: %.200s", path);
	else if (lstat(path, &st) < 0) fail_errno(errno, "stat %s", path);
	else remove_path(path);
	ensure_run_dir();
	if (g_err[0]) reply_err(id, g_err);
	else reply_ok(id);
}

void handle_mkdir(const char *id, const char *owner, const char *path)
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
