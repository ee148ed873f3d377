# Right in pass 1, wrong in pass 2: prints the sum again.
import sys

passno, *numbers = map(int, sys.stdin.read().split())
print(sum(numbers))
