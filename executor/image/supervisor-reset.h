/*
 * RESET: wiping a container between submissions and verifying it is clean.
 */
#ifndef JUEZ_SUPERVISOR_RESET_H
#define JUEZ_SUPERVISOR_RESET_H

/* Kills every other process, empties /work, /tmp, /dev/shm, /dev/mqueue and /judge/run, removes SysV IPC
 * objects, then checks all of it again; answers OK, or ERR listing what is left. */
void handle_reset(const char *id);

#endif
