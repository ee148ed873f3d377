-- Lua 5.4 reads integers as 64-bit integers, which hold every sum here.
local t = io.read("n")
local sums = {}
for i = 1, t do
  local a, b = io.read("n", "n")
  sums[i] = a + b
end
print(table.concat(sums, "\n"))
