# Forgets the comma: "Hello" and "Hello," are different tokens.
puts "Hello World!"
