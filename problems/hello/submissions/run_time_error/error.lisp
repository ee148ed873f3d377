;; Prints the right answer, then signals an error nobody handles: exit status 1. Expected: RE.
(write-line "Hello, World!")
(error "signalled on purpose")
