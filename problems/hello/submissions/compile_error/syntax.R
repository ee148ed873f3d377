# An R syntax error (an unclosed parenthesis). Expected: CE, found by the parse check.
cat("Hello, World!\n"
