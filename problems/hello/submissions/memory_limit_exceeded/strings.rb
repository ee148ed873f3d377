# Keeps 1 MiB strings reachable forever. Expected: MLE (killed at the resident memory limit, or
# NoMemoryError).
blocks = []
loop { blocks << (blocks.size.to_s * (1 << 20)) }
