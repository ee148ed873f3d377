# f2 crashes: f_break stops there, 1 + 0 = 1 (f3 not run), RE; 68 - 2 = 66.
# @EXPECTED_SCORE@: 66
import sys

FAIL = {'f2': 'RE'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
