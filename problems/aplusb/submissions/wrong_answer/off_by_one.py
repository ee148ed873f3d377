# Off by one: the loop starts at 1, so the last pair is never answered. Every test fails.
# Expected: WA with a score of 0.
# @EXPECTED_SCORE@: 0
t = int(input())
for i in range(1, t):
    a, b = map(int, input().split())
    print(a + b)
