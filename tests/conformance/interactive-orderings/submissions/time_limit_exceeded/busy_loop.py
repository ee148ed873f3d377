# One guess, then computes forever without answering: the CPU limit stops it, the interactor then
# reads end of file and rejects. The program's limit came first. Expected: TLE.
print(50, flush=True)
input()
while True:
    pass
