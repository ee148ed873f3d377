#!/usr/bin/env bash
# Starts the Docker engine the way these machines run it, and waits until it answers. Does nothing when it
# already answers. Used by infra/setup.sh, and by tests/faults/docker-restart.test.ts to bring the engine back
# exactly as setup does after killing it.
#
#   bash infra/local/start-dockerd.sh     # log appended to ${JUEZ_LOG_DIR:-/var/log/juez}/dockerd.log
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/close-inherited-fds.sh"
log_dir=${JUEZ_LOG_DIR:-/var/log/juez}
log=$log_dir/dockerd.log

if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi

docker info >/dev/null 2>&1 && exit 0

# A daemon that crashed leaves its pid file, and dockerd refuses to start while the process it names
# exists, even as a zombie its parent has not reaped yet. A stale file is removed; a dockerd that is
# still alive (starting up, or shutting down) is waited for instead of being started twice.
pid_file=/var/run/docker.pid
alive() { # alive <pid>: the process exists and is not a zombie
  local state
  state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}
running_dockerd() { # prints the pid of a live dockerd named by the pid file
  local pid
  pid=$(cat "$pid_file" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] && alive "$pid" && echo "$pid"
}

start() {
  printf '[setup] starting dockerd\n'
  "${as_root[@]}" rm -f "$pid_file"
  "${as_root[@]}" mkdir -p "$log_dir"
  # No systemd on these machines: run the daemon in the background, detached from this shell's session so
  # that it outlives the caller (the setup script, a CI step, a test). Exec'd, and no shell function: bash
  # runs a backgrounded function in a subshell that keeps a saved copy of our stdout open while it waits for
  # dockerd, and a caller reading our output to its end would then wait for as long as dockerd lives.
  # Appended, not truncated: after a crash, the previous run's last lines are the interesting ones.
  # Only stdin, stdout and stderr reach the daemon: any other descriptor our caller left open, such as the
  # lock of `flock /tmp/juez-machine.lock npm test`, would otherwise be held for as long as dockerd runs.
  (
    close_inherited_fds
    exec "${as_root[@]}" setsid nohup dockerd >>"$log" 2>&1 </dev/null
  ) &
  started=$! # setsid and nohup exec in place: this is dockerd's pid
}

started=$(running_dockerd) || start
# After a crash, a first start can fail on what the dead daemon left behind (its containerd still
# exiting): one more try.
tries=1
deadline=$((SECONDS + 60))
until docker info >/dev/null 2>&1; do
  if ! alive "$started" && [ $tries -lt 2 ]; then
    tries=$((tries + 1))
    tail -3 "$log" >&2
    start
  elif [ $SECONDS -ge $deadline ] || ! alive "$started"; then
    tail -20 "$log" >&2
    printf '[setup] dockerd did not start\n' >&2
    exit 1
  fi
  sleep 0.3
done
