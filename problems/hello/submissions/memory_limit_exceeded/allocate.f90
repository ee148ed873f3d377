! Allocates 1 MiB arrays forever (never freed) and writes every element, so the memory is really
! resident. Expected: MLE.
program allocate_forever
  integer, pointer :: block(:)
  do
    allocate(block(262144))
    block = 1
  end do
end program allocate_forever
