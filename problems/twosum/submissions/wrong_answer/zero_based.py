# Off by one: prints 0-based positions, where the problem counts from 1. Expected: WA.
n, t = map(int, input().split())
values = list(map(int, input().split()))
first_index = {}
for j, x in enumerate(values):
    if t - x in first_index:
        print(first_index[t - x], j)
        break
    first_index.setdefault(x, j)
else:
    print("impossible")
