# Keeps vectors of a million random doubles (8 MB each) reachable forever. Expected: MLE.
blocks <- list()
repeat blocks[[length(blocks) + 1]] <- runif(1e6)
