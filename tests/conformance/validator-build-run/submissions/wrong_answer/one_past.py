a, b = map(int, input().split())
print(b + 1)
