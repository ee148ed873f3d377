# Holds 600 MiB: within the capped 1024 MiB (the old default of 256 MiB would not have fitted it).
n = int(input())
block = bytearray(n * 1024 * 1024)
block[::4096] = b'x' * len(range(0, len(block), 4096))
print(len(block) // (1024 * 1024))
