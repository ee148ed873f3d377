# A Ruby syntax error (an unclosed parenthesis). Expected: CE, found by ruby -c.
puts("Hello, World!"
