# Interactor: validator input judge_answer feedback_dir. Reads guesses, answers "<", ">" or "=".
# A program that stops talking (end of file) or errs gets 43; its own crash or limit decides over that
# when it came first (juez's decideInteractiveVerdict). Ordinary Python: exit() works as under python3.
import sys

secret = int(open(sys.argv[1]).read())
feedback = sys.argv[3]


def finish(code, message):
    with open(feedback + 'judgemessage.txt', 'w') as out:
        out.write(message + '\n')
    sys.exit(code)


for guesses in range(1, 11):
    line = sys.stdin.readline()
    if not line:
        finish(43, 'the program stopped after %d guesses' % (guesses - 1))
    try:
        guess = int(line)
    except ValueError:
        finish(43, 'guess %d is not an integer' % guesses)
    if not 1 <= guess <= 100:
        finish(43, 'guess %d is out of range: %d' % (guesses, guess))
    # A reply to a program that already quit raises BrokenPipeError: the program's failure, not ours.
    print('=' if guess == secret else '<' if secret < guess else '>', flush=True)
    if guess == secret:
        finish(42, 'found in %d guesses' % guesses)
finish(43, 'more than 10 guesses')
