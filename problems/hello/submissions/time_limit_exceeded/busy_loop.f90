! Spins forever without printing anything. Expected: TLE.
program busy_loop
  integer(8), volatile :: counter
  counter = 0
  do
    counter = counter + 1
  end do
end program busy_loop
