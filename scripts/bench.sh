#!/usr/bin/env bash
# The benchmark of docs/performance.md: kataster native, kataster's WebAssembly build in Node,
# Backstage's own validation (the differential oracle) and the floor (the same files only
# read and parsed by the same parser), side by side in one run on generated catalogs of 1k,
# 10k, 100k and 1M entities in one file and in many (scripts/bench/run.mjs says how).
#
#   scripts/bench.sh [--sizes 1000,10000,100000,1000000] [--runs 3] [--oracle-max 10000]
#                    [--wasm-max 100000] [--no-wasm] [--hostile] [--plot FILE]
#
# Builds the release binary and the floor (core/examples/parse_floor.rs), installs the
# oracle's npm packages and builds the WebAssembly package when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p kataster-cli
cargo build --release --locked -p kataster-core --example parse_floor
installed=tests/differential/node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ tests/differential/package-lock.json -nt "$installed" ]; then
  (cd tests/differential && npm ci --no-audit --no-fund --loglevel=error)
fi
case " $* " in
  *" --no-wasm "*) ;;
  *) [ -f wasm/pkg/index.mjs ] || bash scripts/build-wasm.sh ;;
esac
exec node scripts/bench/run.mjs "$@"
