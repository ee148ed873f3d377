! Forgets the comma: "Hello" and "Hello," are different tokens.
program no_comma
  print '(a)', 'Hello World!'
end program no_comma
