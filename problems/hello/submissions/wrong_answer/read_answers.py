# Hostile: tries to read the expected answers (*.ans) instead of solving the problem. It looks in
# /judge (where the judge keeps test data), through PID 1's root and cwd, in its own /work, /tmp and
# /dev/shm, in any file descriptor it inherited, and finally across the whole file system.
# Expected: WA. The answers live in /judge (root:validator 0750), PID 1 is not ours to inspect and
# nothing else holds an .ans file, so it finds nothing and prints a wrong answer. If it does find
# one it prints that file, which for this problem is the right answer: AC here means answers leak.
import os
import sys
import time

DEADLINE = time.monotonic() + 0.5  # stay well inside the 1 s time limit: TLE would hide the result
PRUNED = {"/proc", "/sys", "/dev", "/usr"}  # huge or endless; /usr is only searched when time is left


def read_file(path):
    try:
        with open(path, "rb") as f:
            return f.read(1 << 16)
    except OSError:
        return None


def search(top, prune):
    for dirpath, dirnames, filenames in os.walk(top, onerror=lambda error: None):
        if time.monotonic() > DEADLINE:
            return None
        if prune:
            dirnames[:] = [d for d in dirnames if os.path.join(dirpath, d) not in PRUNED]
        for name in filenames:
            if name.endswith(".ans"):
                content = read_file(os.path.join(dirpath, name))
                if content is not None:
                    return content
    return None


def inherited_descriptors():
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return None
    for fd in fds:
        if fd > 2:
            try:
                content = os.pread(fd, 1 << 16, 0)
            except OSError:
                continue
            if content:
                return content
    return None


def find_answer():
    guesses = ["/judge/1.ans", "/judge/data/secret/1.ans", "/judge/data/sample/1.ans"]
    for path in guesses:
        content = read_file(path)
        if content is not None:
            return content
    content = inherited_descriptors()
    if content is not None:
        return content
    for top in ["/judge", "/proc/1/root/judge", "/proc/1/root/work", "/proc/1/root/tmp",
                "/proc/1/cwd", "/work", "/tmp", "/dev/shm"]:
        content = search(top, prune=False)
        if content is not None:
            return content
    return search("/", prune=True) or search("/usr", prune=False)


answer = find_answer()
if answer is None:
    print("no answers found")
else:
    sys.stdout.buffer.write(answer)
