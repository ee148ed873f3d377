n, t = map(int, input().split())
values = list(map(int, input().split()))
first_index = {}
for j, x in enumerate(values):
    if t - x in first_index:
        print(first_index[t - x] + 1, j + 1)
        break
    first_index.setdefault(x, j)
else:
    print("impossible")
