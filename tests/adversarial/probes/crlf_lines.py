# probe: Windows line endings: every newline written as \r\n. \r is whitespace for the default validator.
# expect: AC
# problem: echo
import sys

sys.stdout.buffer.write(sys.stdin.buffer.read().replace(b"\n", b"\r\n"))
