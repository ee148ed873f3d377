-- A Lua syntax error (an unclosed parenthesis). Expected: CE, found by luac -p.
print("Hello, World!"
