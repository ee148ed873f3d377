# Probes the memory limit for Python: a list that grows by rows of 2^20 references (8 MiB each, all
# written), never freed.
# Expected: MLE (killed at the resident memory limit, or a MemoryError).
rows = []
while True:
    rows.append([len(rows)] * (1 << 20))
