# Keeps 1 MiB strings reachable forever. Expected: MLE.
BEGIN { while (1) { blocks[n] = sprintf("%1048576d", n); n++ } }
