! Adds in double precision reals: exact up to 2^53 only, so group 1 passes (30 points) and the large
! values of group 2 come out rounded. Expected: WA with a score of 30.
! @EXPECTED_SCORE@: 30
program reals
  implicit none
  integer :: t, i
  integer(8) :: a, b
  read *, t
  do i = 1, t
    read *, a, b
    print '(i0)', nint(real(a, 8) + real(b, 8), 8)
  end do
end program reals
