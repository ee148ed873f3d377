% The package format's entry point for Prolog is main/0.
main :-
    read_line_to_string(user_input, _),
    read_line_to_string(user_input, Line),
    split_string(Line, " ", " ", Parts),
    exclude(==(""), Parts, Numbers),
    maplist(number_string, Values, Numbers),
    sum_list(Values, Sum),
    format("~d~n", [Sum]).
