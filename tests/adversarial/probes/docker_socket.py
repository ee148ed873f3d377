# probe: the Docker engine's API. Its unix socket is not mounted into sandboxes; tried at every usual path (and
# through PID 1's root), with containerd's sockets, every abstract unix socket the network namespace lists, and
# the API's TCP ports on loopback. With the API a program would start a privileged container: game over.
# expect: WA
# problem: echo
# Every connection must fail. If one answers, the probe prints the right answer: AC.
import socket
import sys

data = sys.stdin.read()
answered = []
PATHS = ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock",
         "/var/run/docker/containerd/containerd.sock", "/run/docker/containerd/containerd.sock",
         "/proc/1/root/var/run/docker.sock", "/var/run/docker/libnetwork", "/run/podman/podman.sock"]
try:
    with open("/proc/net/unix") as table:
        # Abstract sockets show as @name; in another network namespace (the host's) they are out of reach anyway.
        PATHS += ["\0" + line.split()[-1][1:] for line in table.readlines()[1:] if line.split()[-1].startswith("@")]
except OSError:
    pass


def ask(sock):
    sock.sendall(b"GET /version HTTP/1.0\r\nHost: docker\r\n\r\n")
    return sock.recv(100)


for path in PATHS:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.3)
            sock.connect(path)
            answered.append(f"{path!r}: {ask(sock)!r}")
    except OSError as error:
        print(f"{path!r}: {error}", file=sys.stderr)
for port in (2375, 2376):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3) as sock:
            answered.append(f"127.0.0.1:{port}: {ask(sock)!r}")
    except OSError as error:
        print(f"127.0.0.1:{port}: {error}", file=sys.stderr)
print("\n".join(answered), file=sys.stderr)
sys.stdout.write(data if answered else "contained\n")
