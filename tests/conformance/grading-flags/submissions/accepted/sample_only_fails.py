# Only the sample fails, and data/ ignores it (ignore_sample): AC with every point, 68.
# @EXPECTED_SCORE@: 68
import sys

FAIL = {'s1': 'WA'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
