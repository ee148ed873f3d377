:- initialization(main).
main :- read_term(_, []), halt.
