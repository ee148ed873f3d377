# Other case for words, other spellings of inf/nan, exponents, values within the tolerance.
ANSWERS = {1: 'result 0.5000009 Infinity -INF NaN 1.0e-7 1.5E+3', 2: 'Result 2500.000001 -inf -nan -0 1000000.9'}
print(ANSWERS[int(input())])
