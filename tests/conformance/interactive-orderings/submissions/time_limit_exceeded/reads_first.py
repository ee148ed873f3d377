# Waits for the interactor to speak first, while the interactor waits for a guess: a deadlock.
# The program's wall-clock limit ends it. Expected: TLE.
input()
print(50, flush=True)
