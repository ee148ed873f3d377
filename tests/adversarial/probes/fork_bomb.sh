# probe: the classic bash fork bomb, :(){ :|:& };: . Processes multiply until the container's pids limit (128)
# makes fork fail. Every bash is a few MiB resident, so their sum passes the 64 MiB memory limit long before the
# 1 s of CPU time is used. The main script stays alive, blocked on a FIFO without using CPU (left alone, it would
# exit at once and take the bomb with it: the run ends when its main process does).
# Every process is killed at the end of the run: the next-submission probe finds none, and no process of the
# sandbox user is left on the host.
# expect: MLE
# problem: echo
mkfifo /tmp/juez-bomb-fifo
:(){ :|:& };:
read -r -t 60 <>/tmp/juez-bomb-fifo
