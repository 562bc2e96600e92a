#!/usr/bin/env bash
# Builds the release site, then runs the Playwright suite in Debian's Chromium against
# pexdesk on a free port. Playwright starts the server, waits on /healthz and stops it
# afterwards, also when tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo leptos build --release

TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
export PEXDESK_BIN="$TARGET_DIR/release/pexdesk"
export PEXDESK_SITE_ROOT="$PWD/target/site"
export PEXDESK_E2E_PORT
PEXDESK_E2E_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

# A fresh database for this run, with one account per role (passwords on stdin).
E2E_DIR=$(mktemp -d)
trap 'rm -rf "$E2E_DIR"' EXIT
export PEXDESK_DATABASE_URL="sqlite://$E2E_DIR/pexdesk.db"
# The tests check effects on the built-in simulator through its own API.
export PEXDESK_EMBEDDED_CREDENTIALS_FILE="$E2E_DIR/sim.json"
# No activity of its own: the tests start the conferences they need.
export PEXDESK_EMBEDDED_ACTIVITY=off
# Every test signs in from 127.0.0.1: the per-address limit is raised so only the
# per-account throttle (tested on its own) can trip.
export PEXDESK_LOGIN_MAX_FAILURES_PER_ADDR=100000
"$PEXDESK_BIN" user add --email e2e-admin@example.com --role admin <<<"admin-password-e2e-1"
"$PEXDESK_BIN" user add --email e2e-helpdesk@example.com --role helpdesk <<<"helpdesk-password-e2e-1"
"$PEXDESK_BIN" user add --email alice@example.com --role user <<<"user-password-e2e-1"

cd end2end
../node_modules/.bin/playwright test "$@"
