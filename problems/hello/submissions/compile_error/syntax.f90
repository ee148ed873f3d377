! A Fortran syntax error (an unclosed parenthesis). Expected: CE, with gfortran's message.
program syntax
  print '(a)', trim('Hello, World!'
end program syntax
