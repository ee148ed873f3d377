#!/usr/bin/env bash
# `npm run stop`: stops the dispatcher and the executor that `npm start` started. The executor finishes the
# tasks it is judging (up to JUEZ_SHUTDOWN_GRACE_S), returns the others to the queue and removes its
# sandbox containers. Docker, RabbitMQ and Redis keep running and nothing is deleted: the next `npm start`
# brings juez back with its problems and submissions. Same JUEZ_STATE_DIR as the start, if it was given one.
set -euo pipefail
source "$(dirname "$0")/local/juez-local.sh"
take_lock
load_settings
# The dispatcher first: no new submissions while the executor drains. Both bound their own shutdown
# (defaults: JUEZ_SHUTDOWN_TIMEOUT_S=10, JUEZ_SHUTDOWN_GRACE_S=60); past that plus a margin, SIGKILL.
stop_service dispatcher $((${JUEZ_SHUTDOWN_TIMEOUT_S:-10} + 10))
stop_service executor $((${JUEZ_SHUTDOWN_GRACE_S:-60} + 30))
say "stopped"
