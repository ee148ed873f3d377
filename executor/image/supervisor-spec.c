/*
 * The RUN spec: `key=value` lines, `--` between the two processes of an interactive run. Everything a spec can
 * say is checked here, before anything is forked, so a bad spec is an ERR and never a half-started run.
 */
#define _GNU_SOURCE
#include "supervisor-spec.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-files.h"

#define RETURN_MAX (64u << 20)
#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

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

void free_proc(struct proc *p)
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

int parse_spec(struct run *r, char *text, size_t len)
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
