# Guesses 50, 51, ... without reading the replies: after 10 guesses the interactor rejects and exits;
# a later print hits a closed pipe (BrokenPipeError, exit 1). The rejection came first. Expected: WA.
guess = 50
while True:
    print(guess, flush=True)
    guess = guess % 100 + 1
