/* probe: system-wide switches: reboot (in a PID namespace, with CAP_SYS_BOOT, it would kill the container's
 * PID 1), power off, Ctrl-Alt-Del handling; the hostname, the clock, kernel modules, swap, process accounting.
 * expect: WA
 * problem: echo
 * Every call must fail (no capabilities). If one succeeds the probe prints the right answer: AC. (A reboot that
 * worked would also end the container: IE.) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static char input[1 << 21];
static int got;

static void check(const char *what, int ok)
{
	if (ok) fprintf(stderr, "%s worked\n", what), got++;
}

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	check("disable Ctrl-Alt-Del", reboot(RB_DISABLE_CAD) == 0);
	check("reboot", reboot(RB_AUTOBOOT) == 0);
	check("power off", reboot(RB_POWER_OFF) == 0);
	check("sethostname", sethostname("juez-probe", 10) == 0);
	struct timeval now;
	gettimeofday(&now, NULL);
	check("settimeofday", settimeofday(&now, NULL) == 0);
	check("init_module", syscall(SYS_init_module, "", 0UL, "") == 0);
	check("delete_module", syscall(SYS_delete_module, "overlay", O_NONBLOCK) == 0);
	check("swapoff", swapoff("/swapfile") == 0);
	check("acct", acct("/tmp/juez-acct") == 0);
	if (got) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
