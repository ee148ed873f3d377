% Forgets the comma: "Hello" and "Hello," are different tokens.
main :- write('Hello World!'), nl.
