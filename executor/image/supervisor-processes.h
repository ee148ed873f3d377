/*
 * The other processes of the container, seen from PID 1: signals, reaping, and killing them all. Orphans are
 * reparented to PID 1, so everything a program leaves running ends up here.
 *
 * Invariant: between requests the supervisor is the only process in the container (every run ends with
 * kill_everything), so nothing a program leaves behind can touch the next request.
 */
#ifndef JUEZ_SUPERVISOR_PROCESSES_H
#define JUEZ_SUPERVISOR_PROCESSES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct run;

/* Drains the signalfd. A termination signal (docker stop) ends the supervisor: when PID 1 exits, the kernel
 * kills every other process of the namespace, so nothing needs cleaning first. */
void drain_signals(void);

/* Waits up to timeout_ns (or until a signal arrives), then drains signals. */
void wait_for_signal(int64_t timeout_ns);

/* Reaps every exited child (orphans are reparented to PID 1, so their zombies are ours too); with a run, each
 * exit is noted in it (note_exit). */
void reap(struct run *r);

/* True when no process but PID 1 exists in the namespace, zombies included: kill(-1, 0) counts every other
 * process (even those it may not signal) and fails with ESRCH only when there is none. One syscall, so it is
 * the fast path at the end of every run. */
bool alone(void);

/* Kills and reaps every process but PID 1, repeating until none is left (a fork bomb may still be forking while
 * the first round lands). Returns -1 (g_err set) if some survive KILL_TIMEOUT_NS. */
int kill_everything(struct run *r);

/* The pid of a /proc entry that is a process other than PID 1, else 0. */
pid_t other_pid(const char *name);

/* Processes besides PID 1 listed in /proc, or -1: a second opinion on alone() for RESET's verification. */
int count_other_processes(void);

#endif
