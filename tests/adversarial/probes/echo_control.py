# probe: control: an honest solution of the echo problem. If it is not accepted, every other probe's verdict on
# echo means nothing.
# expect: AC
# problem: echo
import sys

sys.stdout.write(sys.stdin.read())
