#!/usr/bin/env bash
# Installs and starts everything juez needs on a Debian/Ubuntu host, then builds the runtime image.
# Idempotent: every step first checks whether its work is already done, so a second run takes seconds.
#
#   bash infra/setup.sh            # install + start Docker engine, RabbitMQ, Redis; build the runtime image
#   JUEZ_SKIP_IMAGE=1 bash infra/setup.sh   # services only
#   JUEZ_SKIP_BROWSER=1 bash infra/setup.sh # without Chromium (only the course-site browser test needs it)
#
# Where the servers it starts listen and keep their data (defaults: the packages' own):
#   JUEZ_LOG_DIR              logs of apt, dockerd, redis, rabbitmq (default /var/log/juez)
#   JUEZ_REDIS_PORT           Redis port (default 6379)
#   JUEZ_REDIS_DIR            Redis data (default /var/lib/redis; /var/lib/redis/port-<port> on another port)
#   JUEZ_RABBITMQ_PORT        RabbitMQ AMQP port (default 5672). Another port gets a node of its own,
#                             juez-<port>@localhost, with its data in:
#   JUEZ_RABBITMQ_DIR         (default /var/lib/rabbitmq/juez-<port>)
#   JUEZ_RABBITMQ_DIST_PORT   that node's Erlang distribution port (default <port> + 20000)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/infra/local/close-inherited-fds.sh"
log_dir=${JUEZ_LOG_DIR:-/var/log/juez}

say() { printf '[setup] %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then root=(); else root=(sudo); fi
as_root() { "${root[@]}" "$@"; }
as_root mkdir -p "$log_dir"

# --- Debian packages ------------------------------------------------------------------------------
# dpkg-query is ~10 ms per call; apt-get update only happens when something is actually missing.
# docker-compose (v1) validates infra/compose in the tests; curl runs the examples `npm start` prints.
wanted=(docker.io rabbitmq-server redis-server debootstrap docker-compose curl)
# javac compiles the LMS webhook receiver example (infra/examples/lms-receiver) in its test.
command -v javac >/dev/null 2>&1 || wanted+=(openjdk-17-jdk-headless)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  # policy-rc.d stops the packages' maintainer scripts from starting services we start ourselves below.
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log_dir/apt.log" 2>&1 \
    || { tail -20 "$log_dir/apt.log"; exit 1; }
fi

# --- Chromium ---------------------------------------------------------------------------------------
# Debian's chromium, driven by playwright-core in tests/integration/examples/course-site.test.ts (no browser
# download: the machines reach only the package registries). Installed with its recommended packages, fonts
# among them, as the test was written against.
if [ -z "${JUEZ_SKIP_BROWSER:-}" ] && ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed'; then
  say "installing chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >"$log_dir/apt-chromium.log" 2>&1 \
    || { tail -20 "$log_dir/apt-chromium.log"; exit 1; }
fi

wait_for() { # wait_for <seconds> <command...>
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.3
  done
}

# --- Docker engine ----------------------------------------------------------------------------------
# infra/local/start-dockerd.sh: shared with the Docker restart fault test, which starts it again the same way.
JUEZ_LOG_DIR=$log_dir bash "$repo/infra/local/start-dockerd.sh"

# --- Redis ------------------------------------------------------------------------------------------
# The servers are started with only stdin, stdout and stderr (infra/local/close-inherited-fds.sh): `npm start`
# runs this script holding its state directory's lock, which a server must not keep for as long as it runs.
redis_port=${JUEZ_REDIS_PORT:-6379}
if [ "$redis_port" = 6379 ]; then redis_log=$log_dir/redis.log; else redis_log=$log_dir/redis-$redis_port.log; fi
# Two servers appending to one directory's append-only file would corrupt it: another port, another directory.
if [ "$redis_port" = 6379 ]; then redis_dir=${JUEZ_REDIS_DIR:-/var/lib/redis}; else redis_dir=${JUEZ_REDIS_DIR:-/var/lib/redis/port-$redis_port}; fi
if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  say "starting redis on port $redis_port"
  as_root mkdir -p "$redis_dir"
  ( # --daemonize: the server forks and this exits once it listens.
    close_inherited_fds
    exec "${root[@]}" redis-server --port "$redis_port" --daemonize yes --save '' --appendonly yes \
      --dir "$redis_dir" --logfile "$redis_log" </dev/null
  )
  wait_for 20 redis-cli -p "$redis_port" ping || { say "redis did not start"; exit 1; }
fi

# --- RabbitMQ ---------------------------------------------------------------------------------------
rabbitmq_port=${JUEZ_RABBITMQ_PORT:-5672}
if [ "$rabbitmq_port" = 5672 ]; then
  # The package's node, run by its wrappers as the rabbitmq user.
  rabbitmq=(rabbitmq-server)
  diagnostics=(rabbitmq-diagnostics)
  rabbitmq_log=$log_dir/rabbitmq.log
else
  # A node of its own (name, ports, data), run as root by the server script itself: the /usr/sbin wrappers
  # switch to the rabbitmq user, who may not be able to write its directory. `env` because sudo drops the
  # caller's RABBITMQ_* variables.
  rabbitmq_dir=${JUEZ_RABBITMQ_DIR:-/var/lib/rabbitmq/juez-$rabbitmq_port}
  rabbitmq_bin=/usr/lib/rabbitmq/bin # Debian's: what the /usr/sbin wrappers run
  rabbitmq_env=(env RABBITMQ_NODENAME="juez-$rabbitmq_port@localhost" RABBITMQ_NODE_PORT="$rabbitmq_port"
    RABBITMQ_DIST_PORT="${JUEZ_RABBITMQ_DIST_PORT:-$((rabbitmq_port + 20000))}"
    RABBITMQ_MNESIA_BASE="$rabbitmq_dir/mnesia" RABBITMQ_LOG_BASE="$rabbitmq_dir/log"
    RABBITMQ_ENABLED_PLUGINS_FILE="$rabbitmq_dir/enabled_plugins" RABBITMQ_PID_FILE="$rabbitmq_dir/rabbitmq.pid")
  rabbitmq=("${rabbitmq_env[@]}" "$rabbitmq_bin/rabbitmq-server")
  diagnostics=("${rabbitmq_env[@]}" "$rabbitmq_bin/rabbitmq-diagnostics")
  rabbitmq_log=$log_dir/rabbitmq-$rabbitmq_port.log
fi
if ! as_root "${diagnostics[@]}" -q check_port_connectivity >/dev/null 2>&1; then
  say "starting rabbitmq on port $rabbitmq_port"
  if [ -n "${rabbitmq_dir:-}" ]; then as_root mkdir -p "$rabbitmq_dir"; fi
  (
    close_inherited_fds
    exec "${root[@]}" setsid nohup "${rabbitmq[@]}" >"$rabbitmq_log" 2>&1 </dev/null
  ) &
  wait_for 90 as_root "${diagnostics[@]}" -q check_port_connectivity \
    || { tail -20 "$rabbitmq_log"; say "rabbitmq did not start"; exit 1; }
fi

# --- Runtime image ----------------------------------------------------------------------------------
if [ -z "${JUEZ_SKIP_IMAGE:-}" ]; then
  bash "$repo/executor/image/build.sh"
fi
say "ready"
