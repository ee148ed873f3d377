# Every test passes: bonus 10 + 10 + 10 + 5 = 35, plain 20; 55.
# @EXPECTED_SCORE@: 55
import sys

FAIL = {}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
