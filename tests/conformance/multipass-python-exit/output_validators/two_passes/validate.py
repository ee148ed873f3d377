# Output validator: validate.py input judge_answer feedback_dir < program_output. Written the way many
# published validators are: the builtin exit() (from the site module), quit(), sys.exit, the standard library
# (json, os.path, statistics, fractions).
import json
import os.path
import statistics
import sys
from fractions import Fraction

_, input_file, answer_file, feedback = sys.argv[:4]
numbers = [int(token) for token in open(input_file).read().split()[1:]]
state_file = os.path.join(feedback, 'state.json')
message = open(os.path.join(feedback, 'judgemessage.txt'), 'w')


def reject(text):
    message.write(text + '\n')
    message.close()
    exit(43)


tokens = sys.stdin.read().split()
if len(tokens) != 1:
    reject('expected one number, got %d tokens' % len(tokens))
try:
    answer = Fraction(tokens[0])
except ValueError:
    message.write('%r is not a number\n' % tokens[0][:20])
    message.close()
    quit(43)

if not os.path.exists(state_file):
    if answer != sum(numbers):
        reject('pass 1: the sum is not %s' % tokens[0])
    json.dump({'sum': sum(numbers)}, open(state_file, 'w'))
    with open(os.path.join(feedback, 'nextpass.in'), 'w') as nextpass:
        nextpass.write('2\n%s\n' % ' '.join(map(str, numbers)))
    message.write('pass 1 ok\n')
    message.close()
    sys.exit(42)

if answer != Fraction(statistics.median(numbers)):
    reject('pass 2: the median is not %s' % tokens[0])
message.write('sum %d, median %s\n' % (json.load(open(state_file))['sum'], statistics.median(numbers)))
message.close()
exit(42)
