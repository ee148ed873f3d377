# p2 fails: plain is min(20, 0) = 0, WA; bonus 35; 35.
# @EXPECTED_SCORE@: 35
import sys

FAIL = {'p2': 'WA'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
