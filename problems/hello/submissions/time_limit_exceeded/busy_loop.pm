# Spins forever without printing anything. Expected: TLE.
my $counter = 0;
$counter++ while 1;
