# A Python syntax error (an unclosed parenthesis). Expected: CE, found by the syntax check
# (py_compile) before any test runs.
print("Hello, World!"
