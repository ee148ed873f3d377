# Wrong case: juez compares tokens case-sensitively unless the problem says otherwise.
print("hello, world!")
