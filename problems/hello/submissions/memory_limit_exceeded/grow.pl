% Builds an ever longer list of lists of a million elements, all kept. Expected: MLE (the Prolog
% stacks, limited to the memory limit, overflow; or the resident memory limit).
main :- grow([]).
grow(Blocks) :- numlist(1, 1000000, Block), grow([Block|Blocks]).
