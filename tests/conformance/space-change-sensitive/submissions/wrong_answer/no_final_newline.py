print({1: 'Hello World', 2: 'a b\nc'}[int(input())], end='')
