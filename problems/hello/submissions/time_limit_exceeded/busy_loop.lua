-- Spins forever without printing anything. Expected: TLE.
local counter = 0
while true do counter = counter + 1 end
