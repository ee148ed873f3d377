# x2 and y1 fail: x breaks after x2 (6 + 0 = 6, WA, x3 not run), y is AC with 0 + 5 = 5 (always_accept); e_nested is min(6, 5) = 5, WA; 68 - 5 = 63.
# @EXPECTED_SCORE@: 63
import sys

FAIL = {'x2': 'WA', 'y1': 'WA'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
