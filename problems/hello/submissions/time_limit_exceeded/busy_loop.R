# Spins forever without printing anything. Expected: TLE.
counter <- 0
repeat counter <- counter + 1
