# Three guesses of a binary search, then a crash (ZeroDivisionError, exit 1) while the interactor
# waits for the fourth. The crash came first. Expected: RE (not WA).
lo, hi = 1, 100
for _ in range(3):
    mid = (lo + hi) // 2
    print(mid, flush=True)
    reply = input().strip()
    if reply == '=':
        break
    if reply == '<':
        hi = mid - 1
    else:
        lo = mid + 1
print(1 // 0)
