# b1 crashes: the grader sees RTE 0 first and answers RTE 20, which is RE; plain 20; 40.
# @EXPECTED_SCORE@: 40
import sys

FAIL = {'b1': 'RE'}
how = FAIL.get(input().strip())
if how == 'RE':
    sys.exit(1)
print('wrong' if how == 'WA' else 'ok')
