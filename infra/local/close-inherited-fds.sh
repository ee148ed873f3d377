# Sourced by the scripts that start long-lived servers (infra/setup.sh, infra/local/start-dockerd.sh,
# infra/local/juez-local.sh). A server started from a script inherits every descriptor the script has open:
# the state directory's lock (fd 9 of infra/local/juez-local.sh), the lock of a caller's
# `flock /tmp/juez-machine.lock npm test`, the pipe of a caller reading the script's output. The server then
# holds it for as long as it runs, and a later `npm run stop` waits for that lock, or a caller for the end of
# that pipe, until it gives up.

# close_inherited_fds: closes every descriptor but stdin, stdout and stderr. Call it in the subshell that
# execs the server, never in the script itself:
#   ( close_inherited_fds; exec setsid nohup server >>"$log" 2>&1 </dev/null ) &
close_inherited_fds() {
  local fd
  # The glob is read before the loop: the descriptor bash opens to list /proc/self/fd is closed by then.
  for fd in /proc/self/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}
