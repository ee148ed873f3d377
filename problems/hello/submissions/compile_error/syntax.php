<?php
// A PHP syntax error (a missing semicolon between statements). Expected: CE, found by php -l.
echo "Hello, "
echo "World!\n";
