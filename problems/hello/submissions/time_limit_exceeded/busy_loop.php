<?php
// Spins forever without printing anything. Expected: TLE.
$counter = 0;
while (true) $counter++;
