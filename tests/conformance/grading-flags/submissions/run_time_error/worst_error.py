# c1 WA, c2 RE: c_worst takes the worst verdict, RE, and the best score, 7; secret first error RE; 68.
# @EXPECTED_SCORE@: 68
import sys

FAIL = {'c1': 'WA', 'c2': 'RE'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
