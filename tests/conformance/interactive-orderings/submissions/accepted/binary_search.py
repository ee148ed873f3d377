lo, hi = 1, 100
while True:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    reply = input().strip()
    if reply == '=':
        break
    if reply == '<':
        hi = mid - 1
    else:
        lo = mid + 1
