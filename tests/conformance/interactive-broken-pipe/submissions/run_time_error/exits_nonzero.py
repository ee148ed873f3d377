# Reads one line and exits with code 2 while the interactor is still writing. Expected: RE.
import sys
sys.stdin.readline()
sys.exit(2)
