/* probe: privilege through the file system: setuid(0) and friends directly, then every setuid or setgid binary and
 * every binary with file capabilities in the image's bin directories, each started with stdin on a pipe so that
 * it waits, while its credentials are read from /proc/<pid>/status: an effective uid or gid of 0 or any effective
 * capability means it gained privileges.
 * expect: WA
 * problem: echo
 * no_new_privs makes set-id bits and file capabilities inert. If any of this gained privilege the probe prints the
 * right answer: AC. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

static char input[1 << 21];
static int got;

/* Starts path with stdin a pipe nobody writes, lets it run 30 ms, and reads its credentials. */
static void try_binary(const char *path)
{
	int p[2];
	if (pipe(p) < 0) return;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[0], 0);
		int null = open("/dev/null", 1);
		dup2(null, 1);
		dup2(null, 2);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	usleep(30000);
	char file[64], line[256];
	snprintf(file, sizeof file, "/proc/%d/status", pid);
	FILE *f = fopen(file, "r");
	while (f && fgets(line, sizeof line, f)) {
		unsigned r, e;
		unsigned long long caps;
		if ((sscanf(line, "Uid: %u %u", &r, &e) == 2 || sscanf(line, "Gid: %u %u", &r, &e) == 2) && e == 0)
			fprintf(stderr, "%s: %s", path, line), got++;
		if (sscanf(line, "CapEff: %llx", &caps) == 1 && caps != 0) fprintf(stderr, "%s: %s", path, line), got++;
	}
	if (f) fclose(f);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(p[1]);
}

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	if (setuid(0) == 0 || setresuid(0, 0, 0) == 0 || setgid(0) == 0 || seteuid(0) == 0) fputs("became root\n", stderr), got++;
	const char *dirs[] = { "/usr/bin", "/usr/sbin", "/usr/lib/dbus-1.0", "/usr/lib/openssh", NULL };
	for (int d = 0; dirs[d]; d++) {
		DIR *dir = opendir(dirs[d]);
		for (struct dirent *e; dir && (e = readdir(dir));) {
			char path[512];
			struct stat st;
			snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
			if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) continue;
			if ((st.st_mode & (S_ISUID | S_ISGID)) || getxattr(path, "security.capability", NULL, 0) > 0) try_binary(path);
		}
		if (dir) closedir(dir);
	}
	if (got) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
