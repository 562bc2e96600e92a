#!/usr/bin/env bash
# Builds and runs the portal on the embedded default at http://127.0.0.1:3000
# (PEXDESK_LISTEN changes the address). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec cargo leptos serve --release "$@"
