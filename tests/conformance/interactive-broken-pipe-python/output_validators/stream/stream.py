# Interactor: validator input judge_answer feedback_dir. Writes n and then n numbers (more than a pipe
# holds), then expects their sum. BrokenPipeError is deliberately not caught, as in many published
# interactors: the judge must see that the program closed its end first.
import sys

n = int(open(sys.argv[1]).read())
message = open(sys.argv[3] + 'judgemessage.txt', 'w')
values = [i * 7919 % 100003 for i in range(1, n + 1)]
sys.stdout.write('%d\n' % n)
for value in values:
    sys.stdout.write('%d\n' % value)
sys.stdout.flush()
line = sys.stdin.readline()
if not line.strip():
    message.write('no sum\n')
    sys.exit(43)
if int(line) != sum(values):
    message.write('expected %d, got %s\n' % (sum(values), line.strip()))
    sys.exit(43)
message.write('sum of %d numbers\n' % n)
sys.exit(42)
