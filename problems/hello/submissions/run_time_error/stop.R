# Prints the right answer, then stops with an error: Rscript exits with status 1. Expected: RE.
cat("Hello, World!\n")
stop("stopped on purpose")
