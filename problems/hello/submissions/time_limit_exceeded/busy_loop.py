# Spins forever without printing anything. Expected: TLE (the 1 s of CPU time runs out).
counter = 0
while True:
    counter += 1
