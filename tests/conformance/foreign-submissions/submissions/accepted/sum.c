#include <stdio.h>
int main(void) {
  int n;
  long long total = 0, x;
  if (scanf("%d", &n) != 1) return 1;
  for (int i = 0; i < n; i++) { scanf("%lld", &x); total += x; }
  printf("%lld\n", total);
  return 0;
}
