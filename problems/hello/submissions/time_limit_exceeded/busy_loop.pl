% Backtracks forever without printing anything. Expected: TLE.
main :- repeat, fail.
