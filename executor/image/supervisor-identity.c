/*
 * Borrowing a user's identity to act on its files or processes; why it is needed is in
 * supervisor-identity.h.
 */
#define _GNU_SOURCE
#include "supervisor-common.h"
#include "supervisor-identity.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/fsuid.h>
#include <unistd.h>

int act_as(uid_t uid)
{
	gid_t gid = group_of(uid);
	setfsuid(uid);
	setfsgid(gid);
	/* setfsuid reports no errors; an invalid id (-1) reads the current value back. */
	if ((uid_t)setfsuid((uid_t)-1) != uid || (gid_t)setfsgid((gid_t)-1) != gid)
		return fail_msg("EPERM setfsuid(%u): identity not taken", (unsigned)uid);
	return 0;
}

void act_as_root(void)
{
	if (act_as(0) < 0) die("cannot restore the root file-system identity");
}

void kill_as(uid_t uid, pid_t target)
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
