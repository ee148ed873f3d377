# Spins forever without printing anything. Expected: TLE.
counter = 0
loop { counter += 1 }
