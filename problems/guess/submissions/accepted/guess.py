lo, hi = 1, 10**9
while lo <= hi:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    answer = input().strip()
    if answer == "=":
        break
    if answer == "<":
        hi = mid - 1
    else:
        lo = mid + 1
