# Without a float tolerance numbers compare as strings: 3.0 is not 3.
print({1: 'Yes\nPOSSIBLE 3.0', 2: 'No\nIMPOSSIBLE -1.0'}[int(input())])
