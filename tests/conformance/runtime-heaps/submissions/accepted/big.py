# Holds 88 MiB under a 128 MiB limit.
data = bytearray(88 * 1024 * 1024)
print(len(data) // (88 * 1024 * 1024))
