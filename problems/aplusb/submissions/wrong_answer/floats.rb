# Adds as Floats (doubles): exact up to 2^53 only, so group 1 passes (30 points) and the large values
# of group 2 come out rounded. Expected: WA with a score of 30.
# @EXPECTED_SCORE@: 30
t, *numbers = $stdin.read.split.map(&:to_f)
puts numbers.first(2 * t.to_i).each_slice(2).map { |a, b| (a + b).to_i }
