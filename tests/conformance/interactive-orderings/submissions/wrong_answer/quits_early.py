# One guess, one reply, then exits 0 leaving the interactor waiting for more. Expected: WA.
print(50, flush=True)
input()
