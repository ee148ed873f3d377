# The smallest factor first: often not the pair in the .ans file, and right all the same.
n = int(input())
a = 2
while n % a:
    a += 1
print(a, n // a)
