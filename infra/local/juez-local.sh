# Shared by infra/start.sh and infra/stop.sh (sourced, not run): where a local juez keeps its state, its
# settings file, and the dispatcher and executor processes it runs in the background.
#
#   $JUEZ_STATE_DIR (default <repo>/.juez, git-ignored)
#     juez.env        settings, NAME=value per line (no quotes); created with the secrets on the first start
#     run/<service>.pid, run/<service>.fingerprint   the running processes, and what they were started with
#     logs/<service>.log                              their output (pino JSON lines), appended
#     package-cache/                                  the executor's unpacked problem packages

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/infra/local/close-inherited-fds.sh"
state_dir=${JUEZ_STATE_DIR:-$repo/.juez}
settings_file=$state_dir/juez.env
run_dir=$state_dir/run
log_dir=$state_dir/logs

say() { printf '[juez] %s\n' "$*" >&2; }
fail() { printf '[juez] %s\n' "$*" >&2; exit 1; }

# take_lock: one start or stop at a time per state directory (a second one waits for the first, and says
# which process it waits for). The lock is fd 9: nothing this script starts may inherit it
# (close_inherited_fds), or that process would hold the lock for as long as it runs.
take_lock() {
  mkdir -p "$state_dir"
  chmod 700 "$state_dir"
  lock_file=$(cd "$state_dir" && pwd -P)/lock
  exec 9>"$lock_file"
  flock -n 9 && return 0
  find_lock_holders
  say "waiting for the lock $lock_file, open in: $lock_holders"
  flock -w 600 9 && return 0
  find_lock_holders
  fail "another npm start / npm run stop is still running on $state_dir; the lock is open in: $lock_holders"
}

# find_lock_holders: sets lock_holders to "pid <pid> (<command line>), ..." for every process but this script
# that has the lock file open; one of them holds the lock (an npm start or stop, or a process that inherited
# the lock from one). Called in this shell, not in a $(...): that subshell would have the lock open too.
find_lock_holders() {
  local fds fd pid seen=' ' command
  lock_holders=
  # find fails on the processes that exit while it looks.
  fds=$(find /proc/[0-9]*/fd -maxdepth 1 -lname "$lock_file" 2>/dev/null 9>&-) || true
  for fd in $fds; do
    pid=${fd#/proc/}
    pid=${pid%%/*}
    [ "$pid" != $$ ] && [[ $seen != *" $pid "* ]] || continue
    seen+="$pid "
    # Gone by now (such as the subshell that ran find): it holds nothing any more.
    command=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | cut -c1-120) && [ -n "$command" ] || continue
    command=${command%"${command##*[![:space:]]}"} # redis-server pads its command line with spaces
    lock_holders+="${lock_holders:+, }pid $pid ($command)"
  done
  lock_holders=${lock_holders:-no process this user may inspect}
}

# load_settings: exports every NAME=value of the settings file that the environment does not set already.
load_settings() {
  [ -f "$settings_file" ] || return 0
  local line name
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    name=${line%%=*}
    [[ $line == *=* && $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || fail "$settings_file: expected NAME=value, got: $line"
    if [ -z "${!name+set}" ]; then export "$name=${line#*=}"; fi
  done <"$settings_file"
}

# service_pid <service>: prints the pid of the running service, nothing when it does not run. The pid file
# must name a live process that still runs dist/<service>/main.js: a pid reused by another program, or a
# zombie (empty command line), does not count.
service_pid() {
  local file=$run_dir/$1.pid pid
  [ -f "$file" ] || return 0
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "dist/$1/main.js"; then
    echo "$pid"
  fi
}

# start_service <service> <fingerprint>: starts node dist/<service>/main.js in a session of its own (it
# outlives this script and its terminal), output appended to its log, and records its pid and fingerprint.
start_service() {
  local service=$1 log=$log_dir/$1.log pid
  mkdir -p "$run_dir" "$log_dir"
  # Keep one previous log past 50 MiB instead of growing forever.
  if [ -f "$log" ] && [ "$(stat -c %s "$log")" -gt $((50 * 1024 * 1024)) ]; then mv -f "$log" "$log.1"; fi
  # Job control is off in a script, so the background subshell is no group leader and setsid execs node in
  # its place: $! is node's pid (checked below).
  # Only stdin, stdout and stderr reach the service: it would hold the start/stop lock (fd 9), or any other
  # descriptor of our caller, for as long as it runs.
  # The dispatcher's Node options: dispatcher/node-options.ts.
  local node_options=()
  if [ "$service" = dispatcher ]; then node_options=(--max-semi-space-size=8 --max-old-space-size=512); fi
  (
    close_inherited_fds
    exec setsid node "${node_options[@]}" "$repo/dist/$service/main.js" >>"$log" 2>&1 </dev/null
  ) &
  pid=$!
  echo "$pid" >"$run_dir/$service.pid"
  echo "$2" >"$run_dir/$service.fingerprint"
  sleep 0.1
  [ -n "$(service_pid "$service")" ] || { tail -n 20 "$log" >&2; fail "the $service exited at once (log: $log)"; }
}

# stop_service <service> <seconds>: SIGTERM, then SIGKILL if it is still there after <seconds>.
stop_service() {
  local service=$1 pid deadline
  pid=$(service_pid "$service")
  if [ -n "$pid" ]; then
    say "stopping the $service (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + $2))
    while [ -n "$(service_pid "$service")" ]; do
      if [ $SECONDS -ge $deadline ]; then
        say "the $service did not stop within $2 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      sleep 0.2
    done
  fi
  rm -f "$run_dir/$service.pid" "$run_dir/$service.fingerprint"
}
