<?php
// Forgets the comma: "Hello" and "Hello," are different tokens.
echo "Hello World!\n";
