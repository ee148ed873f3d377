# Perl keeps integers that fit in 64 bits exact, and every sum here does.
my $t = <STDIN>;
for (1 .. $t) {
    my ($x, $y) = split ' ', <STDIN>;
    print $x + $y, "\n";
}
