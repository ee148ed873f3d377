-- Prints the right answer, then raises an error: lua exits with status 1. Expected: RE.
print("Hello, World!")
error("raised on purpose")
