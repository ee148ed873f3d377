#!/usr/bin/env bash
# `npm start`: juez on this host, ready to use. Installs and starts whatever is missing (Docker engine,
# RabbitMQ, Redis: infra/setup.sh), installs the npm dependencies and builds the code and the runtime image
# when needed, creates the JWT and webhook secrets once, starts the dispatcher and one executor in the
# background, loads the example problems of problems/ and prints the URL, tokens and examples to paste.
#
# Idempotent, and quick when everything is in place: a service running with the current build and settings
# is left alone (one whose build or settings changed is restarted), and a problem whose content the server
# already has is not uploaded again. `npm run stop` stops the two services.
#
# Settings: $JUEZ_STATE_DIR/juez.env (default .juez/juez.env), NAME=value per line; the environment wins over
# it. Every variable of docs/configuration.md may be set there. This script's own:
#   JUEZ_STATE_DIR       settings, pid files, logs, package cache (default <repo>/.juez)
#   JUEZ_EXAMPLE_COURSE  course of the example problems and of the student token (default demo)
#   JUEZ_PUBLIC_URL      the server's URL as clients reach it (default http://localhost:<JUEZ_HTTP_PORT>)
# Progress goes to stderr; the summary (URL, tokens, examples) to stdout.
set -euo pipefail
source "$(dirname "$0")/local/juez-local.sh"
cd "$repo"
take_lock

# --- Settings --------------------------------------------------------------------------------------------------
if [ ! -f "$settings_file" ]; then
  (umask 077 && cat >"$settings_file" <<EOF
# juez settings for \`npm start\` (infra/start.sh), NAME=value per line, no quotes. Keep this file private.
# Any variable of docs/configuration.md may be set here; the environment wins over this file.
# After an edit, run \`npm start\` again: the services whose settings changed are restarted.
EOF
  )
fi
# The secrets are made once and kept: tokens minted earlier stay valid across restarts.
grep -q '^JUEZ_JWT_HS256_SECRET=' "$settings_file" ||
  echo "JUEZ_JWT_HS256_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$settings_file"
grep -q '^JUEZ_WEBHOOK_SECRET=' "$settings_file" ||
  echo "JUEZ_WEBHOOK_SECRET=whsec_$(head -c 32 /dev/urandom | base64 -w0)" >>"$settings_file"
chmod 600 "$settings_file"
load_settings

# --- Host services: Docker engine, RabbitMQ, Redis ------------------------------------------------------
JUEZ_SKIP_IMAGE=1 bash infra/setup.sh >&2

# --- npm dependencies and the build ----------------------------------------------------------------------
# npm writes node_modules/.package-lock.json last: older than package-lock.json means the lock changed since.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund >&2
fi
# outdated <output> <find arguments...>: true when the output is missing or a source file found is newer.
outdated() {
  local reference=$1
  shift
  [ -f "$reference" ] || return 0
  [ -n "$(find "$@" -newer "$reference" -print -quit)" ]
}
mains=(dist/dispatcher/main.js dist/executor/main.js dist/judge-cli/main.js)
for main in "${mains[@]}"; do
  if outdated "$main" common dispatcher executor judge-cli tests/support tests/bench tsconfig.json tsconfig.build.json \
    -type f \( -name '*.ts' -o -name '*.json' \); then
    say "building"
    npm run --silent build >&2 || fail "the build failed: see the errors above"
    break
  fi
done
if outdated dist/tools/infra/local/prepare-examples.js infra -type f \( -name '*.ts' -o -name tsconfig.json \); then
  npx --no-install tsc -p infra/tsconfig.json >&2 || fail "the build of infra/ failed: see the errors above"
fi

# --- Runtime image ------------------------------------------------------------------------------------------
# build.sh builds it only when the recipe changed (minutes the first time) and prints its tag. Giving the tag
# to the executor makes a new image count as a changed setting, which restarts the executor.
JUEZ_RUNTIME_IMAGE=${JUEZ_RUNTIME_IMAGE:-$(bash executor/image/build.sh)}
export JUEZ_RUNTIME_IMAGE

# The executor's default cache (/var/cache/juez) needs root; a local juez keeps it with its state.
export JUEZ_PACKAGE_CACHE_DIR=${JUEZ_PACKAGE_CACHE_DIR:-$state_dir/package-cache}
port=${JUEZ_HTTP_PORT:-8080} # the dispatcher's default port
[ "$port" != 0 ] || fail "JUEZ_HTTP_PORT=0 (any free port) is not supported here: the printed URL needs the port"
case ${JUEZ_HTTP_HOST:-0.0.0.0} in 0.0.0.0 | :: | '') local_url=http://127.0.0.1:$port ;; *) local_url=http://${JUEZ_HTTP_HOST}:$port ;; esac
public_url=${JUEZ_PUBLIC_URL:-http://localhost:$port}
course=${JUEZ_EXAMPLE_COURSE:-demo}

# --- Dispatcher and executor -----------------------------------------------------------------------------------
# A service's fingerprint: the content of its build (dist/common, dist/<service>, the languages table) and
# every variable of its configuration table. A running service with the same fingerprint is left alone; one
# with another fingerprint is restarted.
mapfile -t variables < <(node --input-type=module -e '
  const [dispatcher, executor] = await Promise.all([
    import(`${process.argv[1]}/dist/dispatcher/config.js`),
    import(`${process.argv[1]}/dist/executor/service/config.js`),
  ]);
  const names = (table) => Object.values(table).map((entry) => entry.name).join(" ");
  console.log(names(dispatcher.DISPATCHER_CONFIG_TABLE));
  console.log(names(executor.EXECUTOR_CONFIG_TABLE));' "$repo")
fingerprint() { # fingerprint <service> <variable names>
  {
    find "dist/common" "dist/$1" -name '*.js' -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    sha256sum common/languages.yaml
    for name in $2; do printf '%s=%s\n' "$name" "${!name-}"; done
  } | sha256sum | cut -c1-16
}

started_at_ms=$(($(date +%s%3N) - 1000))
executor_started=
for service in dispatcher executor; do
  if [ $service = dispatcher ]; then names=${variables[0]}; else names=${variables[1]}; fi
  wanted=$(fingerprint $service "$names")
  pid=$(service_pid $service)
  if [ -n "$pid" ] && [ "$(cat "$run_dir/$service.fingerprint" 2>/dev/null)" = "$wanted" ]; then
    say "the $service runs (pid $pid)"
    continue
  fi
  if [ -n "$pid" ]; then
    say "the $service's build or settings changed: restarting it"
    # The services' own defaults: JUEZ_SHUTDOWN_TIMEOUT_S=10, JUEZ_SHUTDOWN_GRACE_S=60.
    if [ $service = dispatcher ]; then stop_service $service $((${JUEZ_SHUTDOWN_TIMEOUT_S:-10} + 10)); else stop_service $service $((${JUEZ_SHUTDOWN_GRACE_S:-60} + 30)); fi
  fi
  say "starting the $service"
  start_service $service "$wanted"
  if [ $service = executor ]; then executor_started=1; fi
done

wait_until() { # wait_until <seconds> <service> <what> <command...>
  local limit=$1 deadline=$((SECONDS + $1)) service=$2 what=$3
  shift 3
  until "$@" >/dev/null 2>&1; do
    if [ -z "$(service_pid "$service")" ]; then
      tail -n 30 "$log_dir/$service.log" >&2
      fail "the $service stopped before $what (log: $log_dir/$service.log)"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$log_dir/$service.log" >&2
      fail "the $service was not $what within $limit s (log: $log_dir/$service.log)"
    fi
    sleep 0.3
  done
}
answers_ok() { # answers_ok <url>: a 2xx answer within 2 s (curl when there is one, else node's fetch)
  if command -v curl >/dev/null; then
    curl -fsS -o /dev/null --max-time 2 "$1"
  else
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
  fi
}
wait_until 60 dispatcher "ready" answers_ok "$local_url/ready"
# A restarted executor counts once its own heartbeat is there, not the one its predecessor left behind.
since=0
if [ -n "$executor_started" ]; then since=$started_at_ms; fi
wait_until 180 executor "taking tasks" node dist/tools/infra/health/check-executor-heartbeat.js --started-after "$since"

# --- Tokens and example problems -------------------------------------------------------------------------------
mapfile -t problem_dirs < <(find problems -mindepth 2 -maxdepth 2 -name problem.yaml -printf '%h\n' | LC_ALL=C sort)
prepared=$(node dist/tools/infra/local/prepare-examples.js --url "$local_url" --course "$course" "${problem_dirs[@]}") ||
  fail "could not load the example problems (see above)"
admin_token=$(sed -n 's/^admin_token=//p' <<<"$prepared")
student_token=$(sed -n 's/^student_token=//p' <<<"$prepared")
problems=$(sed -n 's/^problem=//p' <<<"$prepared")

# --- Summary --------------------------------------------------------------------------------------------------------
shown_state=${state_dir#"$repo"/}
stop_command="npm run stop"
[ -z "${JUEZ_STATE_DIR:-}" ] || stop_command="JUEZ_STATE_DIR=$JUEZ_STATE_DIR npm run stop"
hello='{"problemId":"hello","languageId":"python","files":[{"name":"hello.py","content":"print(\"Hello, World!\")\n"}]}'
cat <<EOF

juez is running at $public_url   (API documentation: $public_url/docs)
  dispatcher  pid $(service_pid dispatcher), log $shown_state/logs/dispatcher.log
  executor    pid $(service_pid executor), log $shown_state/logs/executor.log
  settings    $shown_state/juez.env (holds the secrets: keep it private)
  problems    in course $course:
$(sed 's/^/    /' <<<"$problems")

Admin token (valid 7 days):
  $admin_token

Student token (course $course, valid 7 days):
  $student_token

Submit "hello" in Python as the student and wait for the verdict:
  curl -sS -X POST '$public_url/api/v1/submissions?wait=30' \\
    -H 'Authorization: Bearer $student_token' \\
    -H 'Content-Type: application/json' \\
    -d '$hello'

The same with judge-cli:
  npx judge-cli login $public_url --token $student_token
  npx judge-cli submit hello problems/hello/submissions/accepted/hello.py --wait

More tokens:  env \$(grep JUEZ_JWT_HS256_SECRET $shown_state/juez.env) npx judge-cli token --sub alice --role instructor --courses $course
Stop:         ${stop_command}
EOF
