# b1 WA and b3 RE: b_avg is (0 + 30 + 0) / 3 = 10, verdict WA (first error); 68 - 20 = 48.
# @EXPECTED_SCORE@: 48
import sys

FAIL = {'b1': 'WA', 'b3': 'RE'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
