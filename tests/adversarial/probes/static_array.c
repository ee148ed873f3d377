/* probe: a static memory hog: a 512 MiB array in .bss costs nothing until touched; writing it page by page makes
 * it resident.
 * expect: MLE
 * problem: echo */
#include <stdio.h>

static char big[512u << 20];

int main(void)
{
	for (size_t i = 0; i < sizeof big; i += 4096) big[i] = 1;
	printf("%d\n", big[12345 * 4096]);
	return 0;
}
