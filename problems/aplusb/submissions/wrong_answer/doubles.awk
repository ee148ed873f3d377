# Adds awk's numbers (doubles) directly: exact up to 2^53 only, so group 1 passes (30 points) and the
# large values of group 2 come out rounded. Expected: WA with a score of 30.
# @EXPECTED_SCORE@: 30
NR > 1 { printf "%.0f\n", $1 + $2 }
