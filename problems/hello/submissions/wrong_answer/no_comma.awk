# Forgets the comma: "Hello" and "Hello," are different tokens.
BEGIN { print "Hello World!" }
