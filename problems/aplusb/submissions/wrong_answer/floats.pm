# Adds as floating-point numbers: exact up to 2^53 only, so group 1 passes (30 points) and the large
# values of group 2 come out rounded. Expected: WA with a score of 30.
# @EXPECTED_SCORE@: 30
my $t = <STDIN>;
for (1 .. $t) {
    my ($x, $y) = split ' ', <STDIN>;
    printf "%.0f\n", $x * 1.0 + $y;
}
