-- Keeps 1 MiB strings (each a new one) reachable forever. Expected: MLE (killed at the resident
-- memory limit, or "not enough memory").
local blocks = {}
while true do blocks[#blocks + 1] = string.rep(tostring(#blocks), 1 << 20) end
