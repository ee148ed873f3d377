# probe: sleeping, in Python, after printing the right answer: no CPU time is used, so only the wall-clock
# limit can end it.
# expect: TLE
# problem: echo
import sys
import time

sys.stdout.write(sys.stdin.read())
sys.stdout.flush()
time.sleep(3600)
