-- Adds as floats (doubles): exact up to 2^53 only, so group 1 passes (30 points) and the large values
-- of group 2 come out rounded. Expected: WA with a score of 30.
-- @EXPECTED_SCORE@: 30
local t = io.read("n")
for _ = 1, t do
  local a, b = io.read("n", "n")
  print(string.format("%.0f", (a + 0.0) + b))
end
