% Adds as floats: exact up to 2^53 only, so group 1 passes (30 points) and the large values of
% group 2 come out rounded. Expected: WA with a score of 30.
% @EXPECTED_SCORE@: 30
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
    Sum is float(X) + Y,
    format("~0f~n", [Sum]).
