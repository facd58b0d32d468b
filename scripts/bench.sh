#!/usr/bin/env bash
# The benchmark of docs/performance.md: kataster (release build) against Backstage's own
# validation (the differential oracle) on the same generated files, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
installed=tests/differential/node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ tests/differential/package-lock.json -nt "$installed" ]; then
  (cd tests/differential && npm ci --no-audit --no-fund --loglevel=error)
fi
node tests/differential/bench.mjs --kataster target/release/kataster "$@"
