"""Input validator of A plus B, run by `judge-cli verify` on every test input (stdin).

Exits 42 when the input is exactly as the statement says, 43 (with the reason on stderr) when it is not:
T (1 <= T <= 1000) on the first line, then T lines of two integers a and b separated by one space, with
|a|, |b| <= the bound, every line ending in a newline and nothing after the last. The bound is 10^18 unless
the test group's input_validator_flags say `--max N` (data/secret/group1 says --max 1000).
"""
import re
import sys

INTEGER = re.compile(r'-?(0|[1-9][0-9]*)\Z')


def reject(message):
    print(message, file=sys.stderr)
    sys.exit(43)


def read_bound(args):
    if not args:
        return 10**18
    if len(args) == 2 and args[0] == '--max' and INTEGER.match(args[1]):
        return int(args[1])
    # A wrong invocation is the package's bug, not the input's: neither 42 nor 43.
    print(f'usage: validate.py [--max N] < input (got {args})', file=sys.stderr)
    sys.exit(2)


def integer(token, where, low, high):
    if not INTEGER.match(token) or token == '-0':
        reject(f'{where}: {token!r} is not an integer written plainly')
    value = int(token)
    if not low <= value <= high:
        reject(f'{where}: {value} is not between {low} and {high}')
    return value


def main():
    bound = read_bound(sys.argv[1:])
    try:
        text = sys.stdin.buffer.read().decode('ascii')
    except UnicodeDecodeError:
        reject('the input is not ASCII')
    if not text.endswith('\n'):
        reject('the last line does not end with a newline')
    lines = text[:-1].split('\n')
    pairs = integer(lines[0], 'line 1 (T)', 1, 1000)
    if len(lines) != pairs + 1:
        reject(f'line 1 says T = {pairs}, but {len(lines) - 1} lines follow')
    for number, line in enumerate(lines[1:], start=2):
        tokens = line.split(' ')
        if len(tokens) != 2:
            reject(f'line {number}: expected two integers separated by one space, got {line!r}')
        for token in tokens:
            integer(token, f'line {number}', -bound, bound)
    sys.exit(42)


main()
