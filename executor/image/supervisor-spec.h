/*
 * Parsing a RUN spec into a struct run (supervisor-run.h): limits with their defaults, argv and environment,
 * user, working directory and stdio, and the candidate paths of the program.
 */
#ifndef JUEZ_SUPERVISOR_SPEC_H
#define JUEZ_SUPERVISOR_SPEC_H

#include <stddef.h>

#include "supervisor-run.h"

/* Parses a run spec (text is NUL-terminated and modified in place; values point into it). r->id must be set.
 * 0, or -1 with g_err set; either way r->p[0 .. r->n) must be freed with free_proc. */
int parse_spec(struct run *r, char *text, size_t len);

/* Frees what the spec allocated and closes the process's descriptors. */
void free_proc(struct proc *p);

#endif
