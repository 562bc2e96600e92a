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

cd end2end
exec ../node_modules/.bin/playwright test "$@"
