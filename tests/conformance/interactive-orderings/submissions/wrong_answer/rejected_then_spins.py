# Reads every reply; after the rejection (end of file) it spins until the CPU limit kills it.
# The interactor's rejection came a second earlier. Expected: WA (not TLE).
guess = 50
while True:
    print(guess, flush=True)
    try:
        input()
    except EOFError:
        while True:
            pass
    guess = guess % 100 + 1
