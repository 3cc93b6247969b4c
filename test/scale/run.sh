#!/usr/bin/env bash
# npm run test:scale — n8n queue mode (main + 2 workers) on a private Redis and Postgres, loopback only.
# Installs the Debian packages when missing (we run as root in CI). Whatever happens, every process
# the test started is killed on exit (their pids are recorded in SCALE_PIDFILE).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

bash test/e2e/setup-n8n.sh >/dev/null
node build.mjs

SCALE_PIDFILE="$(mktemp /tmp/lead-routing-scale-pids.XXXXXX)"
export SCALE_PIDFILE
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null || true
  done < "$SCALE_PIDFILE"
  rm -f "$SCALE_PIDFILE"
}
trap cleanup EXIT
node test/scale/run.mjs &
runner=$!
# Interrupted (Ctrl-C, CI timeout): let the runner stop its processes gracefully, then kill what is left.
trap 'kill -TERM "$runner" 2>/dev/null; wait "$runner"; exit 143' INT TERM
wait "$runner"
