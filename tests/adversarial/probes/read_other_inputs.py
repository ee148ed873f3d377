# probe: other test cases' inputs and the expected answers, found from the program's own stdin: /proc/self/fd/0
# names the staged input file (/judge/p/<hash>/<n>.in), so its siblings (<m>.in, <m>.ans) are one guess away;
# also the directories around it, and the program's earlier outputs in /judge/run.
# expect: WA
# problem: secrets
# Each test's answer is the tokens of all three inputs, so a program that reads only its own input prints one
# token (WA). One that reads every input or any answer prints all three (AC); some of them: exit 3 (RE).
import os
import re
import sys

TOKEN = re.compile(rb"secret-\d-[0-9a-f]{32}")
own = set(TOKEN.findall(sys.stdin.buffer.read()))
found = set()


def scan(path):
    try:
        with open(path, "rb") as f:
            found.update(TOKEN.findall(f.read(1 << 20)))
    except OSError as error:
        print(f"{path}: {error.strerror}", file=sys.stderr)


stdin_path = os.readlink("/proc/self/fd/0")
print(f"stdin is {stdin_path}", file=sys.stderr)
folder = os.path.dirname(stdin_path)
for n in range(8):
    for ext in ("in", "ans"):
        scan(f"{folder}/{n}.{ext}")
scan("/proc/self/fd/0")  # reopened by path: checked as the program, not as the supervisor that opened it
for directory in (folder, os.path.dirname(folder), "/judge", "/judge/run", "/judge/v"):
    try:
        for name in os.listdir(directory):
            scan(os.path.join(directory, name))
    except OSError as error:
        print(f"{directory}: {error.strerror}", file=sys.stderr)
for slot in range(4):
    scan(f"/judge/run/out-{slot}")
    scan(f"/judge/run/err-{slot}")

tokens = sorted(found | own)
print(" ".join(t.decode() for t in tokens))
sys.exit(3 if len(own) < len(tokens) < 3 else 0)
