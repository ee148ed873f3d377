# Whitespace separates tokens: YesPOSSIBLE is one token.
print({1: 'YesPOSSIBLE 3', 2: 'NoIMPOSSIBLE -1'}[int(input())])
