/* The next submission, run in each container after the corpus: looks for anything an earlier submission left.
 * Prints one `TRACE <what> <detail>` line per finding, or `CLEAN` when there is none (the traces problem's
 * answer, so: expect: AC). Checked: processes besides PID 1 and itself, entries in /tmp, /dev/shm, /dev/mqueue
 * and /work (but its own source and binary), SysV IPC objects, sockets in the container's network namespace,
 * and an environment other than exactly PATH, HOME and LANG. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;
static int found;

static void trace(const char *what, const char *detail)
{
	printf("TRACE %s %s\n", what, detail);
	found++;
}

/* Reports every entry of dir not named in own (NULL-terminated). */
static void expect_only(const char *dir, const char *const *own)
{
	DIR *d = opendir(dir);
	if (!d) {
		trace("unreadable", dir);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
		int mine = 0;
		for (int i = 0; own && own[i]; i++) mine |= !strcmp(own[i], e->d_name);
		if (!mine) {
			char path[600];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			trace("file", path);
		}
	}
	closedir(d);
}

/* Reports a /proc table (sysvipc, net) that has more lines than its header. */
static void expect_no_rows(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) return; /* e.g. no IPv6 in the container */
	char line[512];
	int rows = -1;
	while (fgets(line, sizeof line, f)) rows++;
	fclose(f);
	if (rows > 0) {
		char detail[600];
		snprintf(detail, sizeof detail, "%s has %d rows", path, rows);
		trace("table", detail);
	}
}

int main(void)
{
	static const char *const own[] = { "find_traces.c", "main", NULL };
	expect_only("/work", own);
	expect_only("/tmp", NULL);
	expect_only("/dev/shm", NULL);
	expect_only("/dev/mqueue", NULL);

	DIR *proc = opendir("/proc");
	for (struct dirent *e; proc && (e = readdir(proc));) {
		if (!isdigit((unsigned char)e->d_name[0])) continue;
		int pid = atoi(e->d_name);
		if (pid == 1 || pid == getpid()) continue;
		char path[300], comm[64] = "?", detail[400];
		snprintf(path, sizeof path, "/proc/%d/comm", pid);
		FILE *f = fopen(path, "r");
		if (f) {
			if (!fgets(comm, sizeof comm, f)) strcpy(comm, "?");
			fclose(f);
			comm[strcspn(comm, "\n")] = 0;
		}
		snprintf(detail, sizeof detail, "%d (%s)", pid, comm);
		trace("process", detail);
	}
	if (proc) closedir(proc);

	static const char *const tables[] = { "/proc/sysvipc/shm", "/proc/sysvipc/sem", "/proc/sysvipc/msg", "/proc/net/tcp",
					      "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6", "/proc/net/unix", NULL };
	for (int i = 0; tables[i]; i++) expect_no_rows(tables[i]);

	static const char *const env[] = { "PATH=", "HOME=", "LANG=", NULL };
	for (char **v = environ; *v; v++) {
		int known = 0;
		for (int i = 0; env[i]; i++) known |= !strncmp(*v, env[i], strlen(env[i]));
		if (!known) trace("env", *v);
	}

	if (!found) puts("CLEAN");
	return 0;
}
