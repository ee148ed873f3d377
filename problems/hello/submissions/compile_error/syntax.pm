# A Perl syntax error (a missing semicolon between statements). Expected: CE, found by perl -c.
print "Hello, "
print "World!\n";
