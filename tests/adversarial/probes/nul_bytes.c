/* probe: NUL bytes in the output: the right tokens, each followed by a NUL byte. NUL is not whitespace (C isspace),
 * so every token differs from the answer's, as in Kattis' default validator; the result must still be a clean
 * WA, with the NUL shown in the message, not a judge that chokes on the byte.
 * expect: WA
 * problem: echo */
#include <ctype.h>
#include <stdio.h>

int main(void)
{
	int c, in_token = 0;
	while ((c = getchar()) != EOF) {
		if (isspace(c) && in_token) putchar('\0');
		putchar(c);
		in_token = !isspace(c);
	}
	return 0;
}
