% A Prolog syntax error (a missing comma between goals). Expected: CE, with swipl's message.
main :- write('Hello, World!') nl.
