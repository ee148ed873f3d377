# R's numbers are doubles, exact up to 2^53 only: each number is split into its last nine digits and
# the rest, the parts are added separately and the carry moved, so sums up to 2 * 10^18 stay exact.
split_number <- function(text) {
  sign <- if (startsWith(text, "-")) -1 else 1
  digits <- sub("^[-+]", "", text)
  n <- nchar(digits)
  high <- if (n > 9) as.numeric(substr(digits, 1, n - 9)) else 0
  low <- as.numeric(substr(digits, max(1, n - 8), n))
  c(sign * high, sign * low)
}
add <- function(a, b) {
  x <- split_number(a) + split_number(b)
  high <- x[1] + trunc(x[2] / 1e9)
  low <- x[2] - trunc(x[2] / 1e9) * 1e9
  if (high > 0 && low < 0) { high <- high - 1; low <- low + 1e9 }
  if (high < 0 && low > 0) { high <- high + 1; low <- low - 1e9 }
  if (high == 0) sprintf("%.0f", low) else sprintf("%.0f%09.0f", high, abs(low))
}
tokens <- scan(file("stdin"), what = "", quiet = TRUE)
t <- as.integer(tokens[1])
a <- tokens[seq(2, by = 2, length.out = t)]
b <- tokens[seq(3, by = 2, length.out = t)]
writeLines(mapply(add, a, b))
