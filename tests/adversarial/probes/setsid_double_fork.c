/* probe: escape by setsid and double fork. Each run prints the right answer, then leaves a daemon in a new session,
 * reparented to PID 1, that ignores every polite signal and writes a heartbeat to /tmp. The next test case of the
 * same submission (/tmp is kept between test cases, processes are not) checks whether an earlier daemon is still
 * alive: any process but PID 1 and itself, or a heartbeat that still moves.
 * expect: AC
 * problem: echo
 * An escape (a daemon that outlived its run) makes the next test case exit 3: RE. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEARTBEAT "/tmp/juez-daemon-heartbeat"

static char input[1 << 21];

static int others_alive(void)
{
	int n = 0;
	DIR *d = opendir("/proc");
	for (struct dirent *e; d && (e = readdir(d));)
		if (isdigit((unsigned char)e->d_name[0]) && atoi(e->d_name) != 1 && atoi(e->d_name) != getpid()) n++;
	if (d) closedir(d);
	return n;
}

static long heartbeat_size(void)
{
	struct stat st;
	return stat(HEARTBEAT, &st) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
	long before = heartbeat_size();
	usleep(50000);
	if (others_alive() > 0 || (before >= 0 && heartbeat_size() != before)) {
		fprintf(stderr, "a daemon of an earlier run is alive\n");
		return 3;
	}
	size_t n = fread(input, 1, sizeof input, stdin);
	fwrite(input, 1, n, stdout);
	fflush(stdout);
	if (fork() == 0) {
		setsid();
		if (fork() != 0) _exit(0);
		for (int s = 1; s < 32; s++) signal(s, SIG_IGN);
		for (;;) {
			int fd = open(HEARTBEAT, O_WRONLY | O_CREAT | O_APPEND, 0600);
			if (fd >= 0) {
				(void)!write(fd, "x", 1);
				close(fd);
			}
			usleep(5000);
		}
	}
	return 0;
}
