# Stops reading and computes forever: the interactor blocks on a full pipe; the CPU limit kills the
# program, and the interactor's next write dies of SIGPIPE. Expected: TLE.
while True:
    pass
