/*
 * Paths and directory trees acted on as their owners: the checks every path from the executor goes through,
 * emptying and removing trees a program may have made hostile (chmod 0, deep nesting, sticky dirs), and the
 * mount points whose owners and modes the sandbox's secrecy rests on. Functions returning int give 0, or -1
 * with g_err set. Those that act as an owner end at the root identity again.
 */
#ifndef JUEZ_SUPERVISOR_FILES_H
#define JUEZ_SUPERVISOR_FILES_H

#include <stdbool.h>
#include <sys/types.h>

#define RUN_DIR "/judge/run"

/* Absolute, no empty / "." / ".." component, no trailing slash, no whitespace or control characters. */
bool path_is_clean(const char *p);

/* True if p lies strictly below dir ("/judge" → "/judge/x"). */
bool path_below(const char *p, const char *dir);

/* Creates the missing parent directories of path, under the current file-system identity (callers bracket it
 * with act_as). */
int make_parents(const char *path, mode_t mode);

/* Empties the directory at `path` (keeping it); `mode`, if not 0, is restored on it afterwards by its owner. */
int clear_tree(const char *path, mode_t mode);

/* Number of entries in the directory at path, or -1. */
int count_entries(const char *path);

/* Removes a file or a whole tree. */
int remove_path(const char *path);

/* /judge/run holds the captured output of runs; it is root:validator 0750 so validators can read it. */
void ensure_run_dir(void);

/* The sandbox's secrecy rests on these owners and modes. runc gives a tmpfs mounted over an existing directory
 * that directory's mode (whatever mode= says), so they are checked, and set by the owner, rather than trusted.
 * Exits if a mount point is missing or owned by the wrong user. */
void secure_mount_points(void);

#endif
