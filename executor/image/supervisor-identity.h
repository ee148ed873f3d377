/*
 * The supervisor's own credentials. It runs as uid 0 with only CAP_SETUID and CAP_SETGID: no CAP_DAC_OVERRIDE,
 * CAP_FOWNER or CAP_KILL, so to act on a user's files it borrows that user's file-system identity (setfsuid), and
 * to signal a user's processes that user's effective uid (real and saved uid stay 0, which is what allows
 * switching back). These functions and sweep_ipc() in supervisor-reset.c are the only places credentials change.
 *
 * Invariant: the file-system identity is fsuid 0 / fsgid validator (files the supervisor creates are
 * root:validator) except inside act_as() ... act_as_root() brackets.
 */
#ifndef JUEZ_SUPERVISOR_IDENTITY_H
#define JUEZ_SUPERVISOR_IDENTITY_H

#include <sys/types.h>

#include "supervisor-common.h"

/* Files and directories created by root are root:validator, so validators can read them and programs cannot. */
static inline gid_t group_of(uid_t uid) { return uid == 0 ? UID_VALIDATOR : uid; }

/* Switches the identity used for file permission checks and for the ownership of new files. 0, or -1 with
 * g_err set. */
int act_as(uid_t uid);

/* Back to fsuid 0 / fsgid validator; exits if that fails, since every later request would run with the wrong
 * identity. */
void act_as_root(void);

/* Sends SIGKILL to `target` (a pid, -pgid, or -1) with effective uid `uid`: kill(2) lets a sender signal processes
 * whose real or saved uid equals its real (0) or effective uid, so this reaches that user's processes plus our
 * children still at uid 0 before their setuid. kill(-1) never reaches the caller, which is also PID 1. */
void kill_as(uid_t uid, pid_t target);

#endif
