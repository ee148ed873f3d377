# Probes the output limit for Python: prints the greeting forever.
# Expected: OLE (stopped once stdout passes the 1 MiB limit, long before the time limit).
while True:
    print("Hello, World!")
