/* probe: leaves every trace it can where it may write: files, hidden files, a read-only directory tree and a FIFO in
 * /work, /tmp ($HOME), /dev/shm and /dev/mqueue; a shell profile; POSIX and SysV message queues, shared memory and
 * semaphores; a listening socket; a daemon that ignores signals. Then prints the right answer.
 * expect: AC
 * problem: echo
 * Nothing may reach the next submission: the corpus test runs this probe in each container, then a fresh
 * submission (next-submission/find_traces.c) that must find no trace. */
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static char input[1 << 21];

static void leave_file(const char *dir, const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		(void)!write(fd, "juez trace\n", 11);
		close(fd);
	}
}

static void leave_tree(const char *dir)
{
	char path[256];
	snprintf(path, sizeof path, "%s/juez-tree", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/juez-tree/inner", dir);
	mkdir(path, 0700);
	leave_file(path, "deep");
	chmod(path, 0);
	snprintf(path, sizeof path, "%s/juez-tree", dir);
	chmod(path, 0500);
	snprintf(path, sizeof path, "%s/juez-fifo", dir);
	mkfifo(path, 0600);
}

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	const char *dirs[] = { "/work", "/tmp", "/dev/shm", NULL };
	for (int i = 0; dirs[i]; i++) {
		leave_file(dirs[i], "juez-trace");
		leave_file(dirs[i], ".juez-hidden");
		leave_tree(dirs[i]);
	}
	leave_file("/tmp", ".profile");
	leave_file("/tmp", ".bashrc");
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	mqd_t q = mq_open("/juez-trace", O_CREAT | O_RDWR, 0600, &attr);
	if (q != (mqd_t)-1) mq_send(q, "trace", 5, 0);
	shmget(0x6a75657a, 4096, IPC_CREAT | 0600);
	shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	semget(0x6a75657a, 4, IPC_CREAT | 0600);
	msgget(0x6a75657a, IPC_CREAT | 0600);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(4242), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (s >= 0 && bind(s, (struct sockaddr *)&addr, sizeof addr) == 0) listen(s, 1);
	fwrite(input, 1, n, stdout);
	fflush(stdout);
	if (fork() == 0) {
		setsid();
		for (int sig = 1; sig < 32; sig++) signal(sig, SIG_IGN);
		for (;;) pause();
	}
	return 0;
}
