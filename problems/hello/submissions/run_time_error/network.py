# Hostile: tries to reach the network: a TCP connection to 1.1.1.1:53, a UDP DNS query to 8.8.8.8:53
# and a name lookup through the system resolver.
# Expected: RE. The sandbox has no network, so every attempt fails (at once or after a short
# timeout) and the program exits with status 1. If any attempt succeeds it prints the right answer
# and exits 0: AC here means the sandbox is online.
import socket
import sys
import threading

reached = []


def tcp_connect():
    with socket.create_connection(("1.1.1.1", 53), timeout=0.3):
        reached.append("tcp 1.1.1.1:53")


def udp_query():
    # A DNS query for example.com, type A; any reply at all means the packet got out.
    query = bytes.fromhex("123401000001000000000000076578616d706c6503636f6d0000010001")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(0.3)
        sock.sendto(query, ("8.8.8.8", 53))
        sock.recvfrom(512)
        reached.append("udp 8.8.8.8:53")


def resolve():
    socket.getaddrinfo("example.com", 80)
    reached.append("resolved example.com")


for attempt in (tcp_connect, udp_query, resolve):
    def run(attempt=attempt):
        try:
            attempt()
        except OSError as error:
            print(f"{attempt.__name__}: {error}", file=sys.stderr)

    # The resolver cannot be given a timeout, so each attempt runs in a thread that is waited for
    # at most half a second.
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(0.5)

if not reached:
    sys.exit(1)
print("network reachable:", ", ".join(reached), file=sys.stderr)
print("Hello, World!")
