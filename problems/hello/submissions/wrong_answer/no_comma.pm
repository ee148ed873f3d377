# Forgets the comma: "Hello" and "Hello," are different tokens.
print "Hello World!\n";
