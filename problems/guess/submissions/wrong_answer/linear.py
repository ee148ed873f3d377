# Counts up from 1: finds small numbers, but needs far more than 30 guesses for large ones.
# Expected: WA (the interactor stops it at the 31st guess).
guess = 1
while True:
    print(guess, flush=True)
    if input().strip() == "=":
        break
    guess += 1
