# Asks for 1200 MiB: more than the 1024 MiB the package gets, though less than the 2048 MiB it asks.
# (bytearray's zeroed memory is not touched page by page, so this fails fast instead of running out of time.)
n = int(input())
block = bytearray(2 * n * 1024 * 1024)
print(n)
