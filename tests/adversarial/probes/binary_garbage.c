/* probe: invalid UTF-8 and control characters as output: every byte value, the answer's tokens nowhere. The judge
 * must compare bytes and quote them in its message without failing.
 * expect: WA
 * problem: echo */
#include <stdio.h>

int main(void)
{
	for (int round = 0; round < 4; round++)
		for (int b = 255; b >= 0; b--) putchar(b);
	return 0;
}
