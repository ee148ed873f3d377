# 2e-6 off an answer of 0.5: beyond both the absolute and the relative tolerance.
ANSWERS = {1: 'Result 0.500002 inf -inf nan 1e-9 1500', 2: 'RESULT 2500.01 -Infinity NaN 0 1000002'}
print(ANSWERS[int(input())])
