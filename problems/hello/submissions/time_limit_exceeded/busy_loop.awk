# Spins forever without printing anything. Expected: TLE.
BEGIN { while (1) counter++ }
