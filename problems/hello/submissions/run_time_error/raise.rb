# Prints the right answer, then raises an exception nobody rescues: exit status 1. Expected: RE.
puts "Hello, World!"
raise "raised on purpose"
