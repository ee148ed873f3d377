# probe: the environment: the program's own (os.environ and /proc/self/environ), PID 1's, and the auxiliary
# vector. The sandbox passes exactly PATH, HOME, LANG and the language's own variables; the corpus test puts the
# secrets problem's answer into the executor's environment as a canary, which no sandbox may inherit.
# expect: WA
# problem: secrets
# A token from any environment makes the printed answer complete (AC); an unexpected variable exits 3 (RE).
import os
import re
import sys

TOKEN = re.compile(rb"secret-\d-[0-9a-f]{32}")
EXPECTED = {"PATH", "HOME", "LANG", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}
found = set(TOKEN.findall(sys.stdin.buffer.read()))

for name, value in os.environ.items():
    found.update(TOKEN.findall(f"{name}={value}".encode()))
unexpected = sorted(set(os.environ) - EXPECTED)
for path in ("/proc/self/environ", "/proc/1/environ", "/proc/self/auxv", "/proc/1/cmdline"):
    try:
        with open(path, "rb") as f:
            found.update(TOKEN.findall(f.read()))
    except OSError as error:
        print(f"{path}: {error.strerror}", file=sys.stderr)

print(" ".join(t.decode() for t in sorted(found)))
if unexpected:
    print(f"unexpected variables: {unexpected}", file=sys.stderr)
    sys.exit(3)
