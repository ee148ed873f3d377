<?php
// Prints the right answer, then throws an exception nobody catches: exit status 255. Expected: RE.
echo "Hello, World!\n";
throw new RuntimeException("thrown on purpose");
