# Hostile: tries to write outside its work directory: into /etc, /, /usr/bin, /judge, /var, /root,
# /home, and through PID 1's root.
# Expected: RE. The root file system is read-only and /judge is closed to submissions, so every
# write fails and the program exits with status 1. If any write succeeds it deletes the file,
# prints the right answer and exits 0: AC here means the sandbox lets programs write outside.
import os
import sys

TARGETS = [
    "/etc/juez-probe", "/etc/hosts", "/juez-probe", "/usr/bin/juez-probe", "/judge/juez-probe",
    "/var/juez-probe", "/root/juez-probe", "/home/juez-probe", "/proc/1/root/etc/juez-probe",
]

written = []
for path in TARGETS:
    try:
        with open(path, "a") as f:
            f.write("juez was here\n")
        written.append(path)
    except OSError as error:
        print(f"cannot write {path}: {error}", file=sys.stderr)

if not written:
    sys.exit(1)
for path in written:
    if path.endswith("juez-probe"):
        try:
            os.remove(path)
        except OSError:
            pass
print("wrote outside /work:", " ".join(written), file=sys.stderr)
print("Hello, World!")
