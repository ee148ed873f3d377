# Forgets the comma: "Hello" and "Hello," are different tokens.
cat("Hello World!\n")
