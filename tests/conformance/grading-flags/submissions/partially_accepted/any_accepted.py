# d1 fails: d_any is AC (d2 passed) with 0 + 4 = 4; every other group full, so AC with 64.
# @EXPECTED_SCORE@: 64
import sys

FAIL = {'d1': 'WA'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
