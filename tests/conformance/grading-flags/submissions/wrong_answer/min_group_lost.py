# a2 fails: a_min is min(10, 0, 10) = 0 (WA, first error); 68 - 10 = 58.
# @EXPECTED_SCORE@: 58
import sys

FAIL = {'a2': 'WA'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
