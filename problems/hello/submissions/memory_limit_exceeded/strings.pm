# Keeps 1 MiB strings reachable forever. Expected: MLE (killed at the resident memory limit, or
# "Out of memory!").
my @blocks;
push @blocks, scalar(@blocks) x (1 << 20) while 1;
