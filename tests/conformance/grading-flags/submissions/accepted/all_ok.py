# Every test passes: 10 + 30 + 7 + 8 + 10 + 3 = 68.
# @EXPECTED_SCORE@: 68
import sys

FAIL = {}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
