/* probe: busy loops in 16 threads. The CPU time of every thread counts (the container has one CPU, so they
 * cannot finish 16 s of work in 1 s of wall time either).
 * expect: TLE
 * problem: echo */
#include <pthread.h>

static void *spin(void *arg)
{
	volatile unsigned long *counter = arg;
	for (;;) (*counter)++;
	return NULL;
}

int main(void)
{
	static volatile unsigned long counters[16];
	pthread_t threads[16];
	for (int i = 0; i < 16; i++) pthread_create(&threads[i], NULL, spin, (void *)&counters[i]);
	pthread_join(threads[0], NULL);
	return 0;
}
