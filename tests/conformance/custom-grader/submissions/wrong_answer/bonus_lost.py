# b2 fails: the grader gets AC 10, WA 0, AC 10 and answers WA 20 (no bonus); plain 20; 40.
# @EXPECTED_SCORE@: 40
import sys

FAIL = {'b2': 'WA'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
