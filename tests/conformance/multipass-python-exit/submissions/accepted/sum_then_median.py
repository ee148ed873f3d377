import sys

passno, *numbers = map(int, sys.stdin.read().split())
if passno == 1:
    print(sum(numbers))
else:
    numbers.sort()
    print(numbers[len(numbers) // 2])
