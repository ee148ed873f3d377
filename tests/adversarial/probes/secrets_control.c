/* probe: control: the best an honest program can do on the secrets problem, print its own input's token. WA, the
 * verdict every contained reading probe gets.
 * expect: WA
 * problem: secrets */
#include <stdio.h>

int main(void)
{
	char token[128];
	if (scanf("%127s", token) == 1) puts(token);
	return 0;
}
