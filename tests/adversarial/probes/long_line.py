# probe: very long lines: every token of the input on one line, separated by single spaces (a 590 KB line for
# the 100 000-number test, a 200 KB token for the last). The default validator compares tokens, so the amount
# of whitespace between them does not matter.
# expect: AC
# problem: echo
import sys

sys.stdout.write(" ".join(sys.stdin.read().split()) + "\n")
