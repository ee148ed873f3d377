% SWI-Prolog integers are unbounded. The entry point is main/0.
main :-
    read_line_to_string(user_input, First),
    number_string(T, First),
    forall(between(1, T, _), add_line).

add_line :-
    read_line_to_string(user_input, Line),
    split_string(Line, " \t", " \t", Parts),
    exclude(==(""), Parts, [A, B]),
    number_string(X, A),
    number_string(Y, B),
    Sum is X + Y,
    format("~d~n", [Sum]).
