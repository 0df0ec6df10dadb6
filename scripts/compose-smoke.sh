#!/usr/bin/env bash
# Proves a running compose stack (compose.yaml) works, from the host: /readyz answers on the
# published HTTP port; vsctl over the published OVSDB port adds a bridge and a port and WAITS until
# the reconciler has applied them (cur_cfg = next_cfg) and given the interface an ofport; then
# `docker compose down` + `up` and the bridge and port are still there.
# Usage: scripts/compose-smoke.sh   (from anywhere; the stack must be up: docker compose up -d --wait)
# Env: VSCTL (default: node dist/cli/vsctl.js — run `npm run build` first; or e.g. VSCTL=ovs-vsctl),
#      SMOKE_DB (default tcp:127.0.0.1:6640), SMOKE_HTTP (default http://127.0.0.1:8080); the
#      published ports follow SWITCHYARD_OVSDB_PORT / SWITCHYARD_HTTP_PORT as in compose.yaml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DB="${SMOKE_DB:-tcp:127.0.0.1:${SWITCHYARD_OVSDB_PORT:-6640}}"
HTTP="${SMOKE_HTTP:-http://127.0.0.1:${SWITCHYARD_HTTP_PORT:-8080}}"
read -r -a VSCTL_CMD <<< "${VSCTL:-node dist/cli/vsctl.js}"
BRIDGE="brsmoke$$"
PORT="psmoke$$"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
vsctl() { printf '$ vsctl %s\n' "$*" >&2; "${VSCTL_CMD[@]}" --db="$DB" --timeout=60 "$@"; }
readyz() {
  node -e "fetch('$HTTP/readyz').then(async (r) => { console.log(r.status, await r.text()); process.exit(r.ok ? 0 : 1) }, (e) => { console.error(String(e)); process.exit(1) })"
}

step "the stack"
docker compose ps

step "/readyz"
readyz || fail "/readyz did not answer ready"

step "add a bridge and a port, waiting for the reconciler (cur_cfg)"
vsctl add-br "$BRIDGE" -- add-port "$BRIDGE" "$PORT" -- set Interface "$PORT" type=internal
ports="$(vsctl list-ports "$BRIDGE")"
echo "$ports"
[ "$ports" = "$PORT" ] || fail "list-ports $BRIDGE shows '$ports', not $PORT"
ofport="$(vsctl get Interface "$PORT" ofport)"
echo "ofport: $ofport"
[[ "$ofport" =~ ^[1-9][0-9]*$ ]] || fail "the reconciler gave $PORT no ofport (got '$ofport')"
vsctl get Open_vSwitch . cur_cfg next_cfg

step "docker compose down, then up again"
docker compose down
docker compose up -d --no-build --pull never --wait
docker compose ps

step "/readyz and the data after the restart"
readyz || fail "/readyz did not answer ready after the restart"
ports="$(vsctl list-ports "$BRIDGE")"
echo "$ports"
[ "$ports" = "$PORT" ] || fail "after down/up, list-ports $BRIDGE shows '$ports', not $PORT"
vsctl show

step "clean up"
vsctl del-br "$BRIDGE"
printf '\nPASS: compose smoke test\n'
