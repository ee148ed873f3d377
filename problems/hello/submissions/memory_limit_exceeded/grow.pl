% Asks for a list of 50 million cells at once, far beyond the memory limit. Expected: MLE (SWI-Prolog's
% stacks, limited to the memory limit, overflow at once). Growing the list a block at a time instead makes
% the garbage collector thrash near the limit: seconds of wall clock, TLE on a loaded machine.
main :- length(List, 50000000), maplist(=(0), List), write(done), nl.
