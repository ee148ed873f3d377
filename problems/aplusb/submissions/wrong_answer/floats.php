<?php
// Adds as floats (doubles): exact up to 2^53 only, so group 1 passes (30 points) and the large values
// of group 2 come out rounded. Expected: WA with a score of 30.
// @EXPECTED_SCORE@: 30
$t = (int) fgets(STDIN);
for ($i = 0; $i < $t; $i++) {
    [$a, $b] = preg_split('/\s+/', trim(fgets(STDIN)));
    printf("%.0f\n", (float) $a + (float) $b);
}
