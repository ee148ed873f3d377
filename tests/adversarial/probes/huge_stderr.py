# probe: huge stderr: the right answer on stdout, then megabytes of stderr. stderr is a file in the container
# too; past the output limit it is an output limit exceeded like stdout.
# expect: OLE
# problem: echo
import signal
import sys

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then writes past the limit fail with EFBIG instead
sys.stdout.write(sys.stdin.read())
sys.stdout.flush()
line = "e" * 1023 + "\n"
try:
    for _ in range(1 << 16):
        sys.stderr.write(line)
except OSError:
    pass
