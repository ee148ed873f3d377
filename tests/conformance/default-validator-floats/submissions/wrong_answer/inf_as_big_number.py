# A huge finite value is no infinity.
ANSWERS = {1: 'Result 0.5 1e308 -inf nan 1e-9 1500', 2: 'RESULT 2.5e3 -Infinity NaN 0 1000000'}
print(ANSWERS[int(input())])
