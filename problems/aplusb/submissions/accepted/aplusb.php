<?php
// PHP integers are 64-bit, which holds every sum here.
$t = (int) fgets(STDIN);
$sums = [];
for ($i = 0; $i < $t; $i++) {
    [$a, $b] = preg_split('/\s+/', trim(fgets(STDIN)));
    $sums[] = (int) $a + (int) $b;
}
echo implode("\n", $sums), "\n";
