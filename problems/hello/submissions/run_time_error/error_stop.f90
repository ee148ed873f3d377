! Prints the right answer, then stops with an error code: exit status 3. Expected: RE.
program error_stop
  print '(a)', 'Hello, World!'
  error stop 3
end program error_stop
