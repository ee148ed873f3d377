% Prints the right answer, then divides by zero: the goal raises an error. Expected: RE.
main :- write('Hello, World!'), nl, X is 1 / 0, write(X).
