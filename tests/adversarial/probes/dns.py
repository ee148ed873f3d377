# probe: name resolution through the system resolver (glibc's NSS, /etc/hosts, /etc/resolv.conf): public names,
# Docker's host aliases, and the Docker host's own name.
# expect: WA
# problem: echo
# No name outside the container may resolve (localhost does, and the container's own hostname). If one does, the
# probe prints the right answer: AC.
import socket
import sys

data = sys.stdin.read()
resolved = []
for name in ("example.com", "google.com", "host.docker.internal", "gateway.docker.internal", "metadata.google.internal",
             "registry-1.docker.io"):
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, 80)}
        resolved.append(f"{name} -> {sorted(addresses)}")
    except OSError as error:
        print(f"{name}: {error}", file=sys.stderr)
print("\n".join(resolved), file=sys.stderr)
sys.stdout.write(data if resolved else "contained\n")
