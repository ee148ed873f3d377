# Prints the right answer, then exits with status 3. Expected: RE.
BEGIN { print "Hello, World!"; exit 3 }
