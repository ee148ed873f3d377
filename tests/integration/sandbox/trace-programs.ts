/**
 * The two submissions of the no-trace test. The first leaves every trace it can in the container; the
 * second, run in the same container after the pool reset it, looks for all of them.
 */

/** Everywhere a program might try to leave files. Only /work, /tmp, /dev/shm and /dev/mqueue should accept. */
const CANDIDATE_DIRS = ['/work', '/tmp', '/dev/shm', '/dev/mqueue', '/var/tmp', '/judge', '/judge/run', '/run', '/run/lock', '/home', '/', '/dev', '/usr/local/bin', '/etc'];
const dirList = CANDIDATE_DIRS.map((dir) => `"${dir}"`).join(', ');

/** Prints `wrote <path>` for each trace it managed to leave, then `done`. */
export const LEAVE_TRACES = String.raw`
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dirs[] = { ${dirList}, NULL };

static void leave(const char *path) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0666);
  if (fd >= 0) { (void)!write(fd, "trace\n", 6); close(fd); printf("wrote %s\n", path); }
}

int main(void) {
  char path[512];
  for (int i = 0; dirs[i]; i++) {
    const char *d = strcmp(dirs[i], "/") == 0 ? "" : dirs[i];
    snprintf(path, sizeof path, "%s/juez-trace", d); leave(path);
    snprintf(path, sizeof path, "%s/.juez-hidden", d); leave(path);
    snprintf(path, sizeof path, "%s/juez-trace-dir", d);
    if (mkdir(path, 0777) == 0) {
      snprintf(path, sizeof path, "%s/juez-trace-dir/inner", d); leave(path);
      snprintf(path, sizeof path, "%s/juez-trace-dir", d); chmod(path, 0500); /* harder to delete */
    }
  }
  /* A profile that would export variables to a shell-based next run. */
  leave("/work/.profile");
  FILE *profile = fopen("/work/.profile", "w");
  if (profile) { fputs("export JUEZ_TRACE=1\n", profile); fclose(profile); }
  setenv("JUEZ_TRACE", "1", 1);

  struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
  mqd_t q = mq_open("/juez-trace-q", O_CREAT | O_RDWR, 0600, &attr);
  if (q != (mqd_t)-1) { mq_send(q, "x", 1, 0); printf("wrote mq /juez-trace-q\n"); }

  if (shmget(0x4a55455a, 4096, IPC_CREAT | 0600) >= 0) printf("wrote shm\n");
  if (shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600) >= 0) printf("wrote shm private\n");
  if (semget(0x4a55455a, 1, IPC_CREAT | 0600) >= 0) printf("wrote sem\n");
  int msq = msgget(0x4a55455a, IPC_CREAT | 0600);
  if (msq >= 0) {
    struct { long type; char text[8]; } message = { 1, "trace" };
    msgsnd(msq, &message, sizeof message.text, 0);
    printf("wrote msg\n");
  }

  /* A double-forked daemon in its own session that ignores polite signals and keeps writing. */
  pid_t child = fork();
  if (child == 0) {
    setsid();
    if (fork() != 0) _exit(0);
    signal(SIGTERM, SIG_IGN); signal(SIGHUP, SIG_IGN); signal(SIGINT, SIG_IGN);
    for (;;) {
      int fd = open("/tmp/juez-daemon-alive", O_CREAT | O_WRONLY | O_APPEND, 0666);
      if (fd >= 0) { (void)!write(fd, "x", 1); close(fd); }
      int w = open("/work/juez-daemon-alive", O_CREAT | O_WRONLY | O_APPEND, 0666);
      if (w >= 0) { (void)!write(w, "x", 1); close(w); }
      usleep(20000);
    }
  }
  waitpid(child, NULL, 0);
  usleep(100000); /* let the daemon write at least once */
  printf("daemon started\ndone\n");
  fflush(stdout);
  return 0;
}
`;

/** Prints one line per trace found, then `CLEAN` if there was none. `own` lists its own files in /work. */
export const FIND_TRACES = String.raw`
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;
static int found = 0;
static const char *dirs[] = { ${dirList}, NULL };

static void report(const char *what, const char *detail) { printf("TRACE %s %s\n", what, detail); found++; }

/* Every entry of dir except those named in allowed (NULL-terminated). */
static void expect_only(const char *dir, const char **allowed) {
  DIR *d = opendir(dir);
  if (!d) { report("cannot-open", dir); return; }
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    int ok = 0;
    for (int i = 0; allowed && allowed[i]; i++) if (!strcmp(allowed[i], e->d_name)) ok = 1;
    if (!ok) { char p[512]; snprintf(p, sizeof p, "%s/%s", dir, e->d_name); report("file", p); }
  }
  closedir(d);
}

static int lines_of(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  int n = 0, c;
  while ((c = fgetc(f)) != EOF) if (c == '\n') n++;
  fclose(f);
  return n;
}

int main(void) {
  const char *own[] = { "find.c", "find", NULL };
  expect_only("/work", own);
  expect_only("/tmp", NULL);
  expect_only("/dev/shm", NULL);
  expect_only("/dev/mqueue", NULL);

  char path[512];
  struct stat st;
  for (int i = 0; dirs[i]; i++) {
    const char *d = strcmp(dirs[i], "/") == 0 ? "" : dirs[i];
    const char *names[] = { "juez-trace", ".juez-hidden", "juez-trace-dir", "juez-daemon-alive" };
    for (int j = 0; j < 4; j++) {
      snprintf(path, sizeof path, "%s/%s", d, names[j]);
      if (lstat(path, &st) == 0) report("file", path);
    }
  }

  /* Only PID 1 (the supervisor) and this process may exist. */
  DIR *proc = opendir("/proc");
  struct dirent *e;
  while (proc && (e = readdir(proc))) {
    if (!isdigit((unsigned char)e->d_name[0])) continue;
    int pid = atoi(e->d_name);
    if (pid == 1 || pid == getpid()) continue;
    char comm[64] = "?";
    snprintf(path, sizeof path, "/proc/%d/comm", pid);
    FILE *f = fopen(path, "r");
    if (f) { if (!fgets(comm, sizeof comm, f)) strcpy(comm, "?"); fclose(f); comm[strcspn(comm, "\n")] = 0; }
    char detail[128];
    snprintf(detail, sizeof detail, "%d(%s)", pid, comm);
    report("process", detail);
  }
  if (proc) closedir(proc);

  const char *ipc[] = { "/proc/sysvipc/shm", "/proc/sysvipc/sem", "/proc/sysvipc/msg" };
  for (int i = 0; i < 3; i++) if (lines_of(ipc[i]) != 1) report("sysv-ipc", ipc[i]);

  for (char **v = environ; *v; v++) if (strncmp(*v, "PATH=", 5) != 0) report("env", *v);
  if (getenv("JUEZ_TRACE")) report("env", "JUEZ_TRACE");

  if (!found) printf("CLEAN\n");
  return 0;
}
`;
