#!/usr/bin/env bash
# Runs every check and test: formatting, clippy on both builds, the workspace's tests and
# the end-to-end suite in a real browser. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")"
say() { printf '\n\033[1;34m[test]\033[0m %s\n' "$*"; }

scripts/setup.sh

say "cargo fmt --check"
cargo fmt --all --check

say "clippy, server build (ssr)"
cargo clippy --workspace --exclude frontend --all-targets --locked -- -D warnings

say "clippy, browser build (hydrate, wasm32)"
cargo clippy -p frontend -p app --target wasm32-unknown-unknown --locked -- -D warnings

# The storage tests also run on PostgreSQL when one is reachable (CI has one on 5432).
if [ -z "${PEXDESK_TEST_DATABASE_URL:-}" ] && command -v pg_isready >/dev/null \
  && pg_isready -q -h 127.0.0.1 -p 5432; then
  export PEXDESK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
fi
say "cargo test (PostgreSQL: ${PEXDESK_TEST_DATABASE_URL:-not reachable, SQLite only})"
cargo test --workspace --exclude frontend --locked

say "end-to-end"
scripts/e2e.sh
