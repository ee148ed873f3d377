;; Forgets the comma: "Hello" and "Hello," are different tokens.
(write-line "Hello World!")
