# An awk syntax error (an unclosed brace). Expected: CE, found by gawk's parse check.
BEGIN { print "Hello, World!"
