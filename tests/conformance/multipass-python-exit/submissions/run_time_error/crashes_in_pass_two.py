import sys

passno, *numbers = map(int, sys.stdin.read().split())
if passno == 2:
    raise SystemExit(3)
print(sum(numbers))
