# Right answer, but only after sleeping far past the wall-clock limit (and any TLE margin verify allows).
import time
a, b = map(int, input().split())
time.sleep(6)
print(a + b)
