# Guesses out of range and quits: the interactor rejects it (43), the program exits 0. Expected: WA.
print(0, flush=True)
