# An infinity of the other sign.
ANSWERS = {1: 'Result 0.5 inf inf nan 1e-9 1500', 2: 'RESULT 2.5e3 Infinity NaN 0 1000000'}
print(ANSWERS[int(input())])
