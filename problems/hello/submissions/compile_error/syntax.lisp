;; A Lisp syntax error (an unclosed parenthesis). Expected: CE, with the compiler's message.
(write-line "Hello, World!"
