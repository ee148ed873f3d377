# probe: no trailing newline: the input echoed without its final newline ($(...) strips it). Kattis' default
# validator ignores whitespace amounts, so a missing final newline is accepted.
# expect: AC
# problem: echo
printf '%s' "$(cat)"
