# 1 * n is a factorization, but not a proper one.
n = int(input())
print(1, n)
