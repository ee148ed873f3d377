import sys

tokens = sys.stdin.read().split()
t = int(tokens[0])
pairs = zip(tokens[1:2 * t + 1:2], tokens[2:2 * t + 2:2])
print("\n".join(str(int(a) + int(b)) for a, b in pairs))
