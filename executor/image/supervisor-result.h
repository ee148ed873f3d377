/*
 * Reporting a finished run: the RESULT message (or ERR when a process could not be set up).
 */
#ifndef JUEZ_SUPERVISOR_RESULT_H
#define JUEZ_SUPERVISOR_RESULT_H

struct run;

/* Ends a run (kills leftovers, reports setup failures) and sends RESULT. Exits if processes survive, since the
 * next request would share the container with them. */
void finish_run(struct run *r);

#endif
