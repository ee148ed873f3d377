<?php
// Keeps 1 MiB strings reachable forever. Expected: MLE (PHP's memory_limit, set to the problem's
// limit, is exhausted; or the resident memory limit).
$blocks = [];
while (true) $blocks[] = str_repeat((string) count($blocks), 1 << 20);
