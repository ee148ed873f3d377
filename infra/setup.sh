#!/usr/bin/env bash
# Installs and starts everything juez needs on a Debian/Ubuntu host, then builds the runtime image.
# Idempotent: every step first checks whether its work is already done, so a second run takes seconds.
#
#   bash infra/setup.sh            # install + start Docker engine, RabbitMQ, Redis; build the runtime image
#   JUEZ_SKIP_IMAGE=1 bash infra/setup.sh   # services only
#   JUEZ_SKIP_BROWSER=1 bash infra/setup.sh # without Chromium (only the course-site browser test needs it)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
log_dir=${JUEZ_LOG_DIR:-/var/log/juez}

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
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
if ! redis-cli -p "${JUEZ_REDIS_PORT:-6379}" ping >/dev/null 2>&1; then
  say "starting redis"
  as_root redis-server --port "${JUEZ_REDIS_PORT:-6379}" --daemonize yes --save '' --appendonly yes \
    --dir /var/lib/redis --logfile "$log_dir/redis.log"
  wait_for 20 redis-cli -p "${JUEZ_REDIS_PORT:-6379}" ping || { say "redis did not start"; exit 1; }
fi

# --- RabbitMQ ---------------------------------------------------------------------------------------
if ! as_root rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1; then
  say "starting rabbitmq"
  as_root setsid nohup rabbitmq-server >"$log_dir/rabbitmq.log" 2>&1 </dev/null &
  wait_for 90 as_root rabbitmq-diagnostics -q check_port_connectivity \
    || { tail -20 "$log_dir/rabbitmq.log"; say "rabbitmq did not start"; exit 1; }
fi

# --- Runtime image ----------------------------------------------------------------------------------
if [ -z "${JUEZ_SKIP_IMAGE:-}" ]; then
  bash "$repo/executor/image/build.sh"
fi
say "ready"
