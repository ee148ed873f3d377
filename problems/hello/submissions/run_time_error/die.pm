# Prints the right answer, then dies: perl exits with status 255. Expected: RE.
print "Hello, World!\n";
die "died on purpose\n";
