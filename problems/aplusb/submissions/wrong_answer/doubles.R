# Adds R's numbers (doubles) directly: exact up to 2^53 only, so group 1 passes (30 points) and the
# large values of group 2 come out rounded. Expected: WA with a score of 30.
# @EXPECTED_SCORE@: 30
tokens <- scan(file("stdin"), what = "", quiet = TRUE)
t <- as.integer(tokens[1])
a <- as.numeric(tokens[seq(2, by = 2, length.out = t)])
b <- as.numeric(tokens[seq(3, by = 2, length.out = t)])
writeLines(sprintf("%.0f", a + b))
