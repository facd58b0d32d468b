#!/usr/bin/env bash
# The Backstage backend packages: @kataster/backstage-plugin-backend (plugin-backstage-backend/)
# and @kataster/backstage-plugin-catalog-backend-module-kataster (plugin-backstage-catalog-module/).
# Each: install (npm ci, once per lockfile), type-check and build (tsc), then its tests
# (node --test): real backends from @backstage/backend-test-utils (startTestBackend) with the
# real catalog backend on better-sqlite3 in memory, and a stand-in Git host over HTTP that
# demands a token. The catalog module runs the WebAssembly core: wasm/pkg is built first when
# it is missing (scripts/build-wasm.sh). Needs no stdin; works with CI=true.
#
#   scripts/test-backend.sh               # install, build, test
#   scripts/test-backend.sh --build-only  # install and build (for the dev backend and the plugin's e2e)
set -euo pipefail
build_only=false
[ "${1:-}" = --build-only ] && build_only=true
cd "$(dirname "$0")/.."
repo=$(pwd)

step() { printf '\n--> backend: %s\n' "$*"; }

install() {
  local want stamp
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  stamp=node_modules/.kataster-lock.sha256
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}

packages=(plugin-backstage-backend)
[ -d plugin-backstage-catalog-module ] && packages+=(plugin-backstage-catalog-module)

for package in "${packages[@]}"; do
  cd "$repo/$package"
  step "$package: npm ci (skipped while package-lock.json is unchanged)"
  install
  if [ -f scripts/generate.mjs ]; then
    if [ ! -f "$repo/wasm/pkg/node/kataster_wasm_bg.wasm" ]; then
      step "the WebAssembly package is not built: scripts/build-wasm.sh"
      bash "$repo/scripts/build-wasm.sh"
    fi
    step "$package: generate (the WebAssembly core's Node.js build from wasm/pkg)"
    node scripts/generate.mjs
  fi
  step "$package: type-check and build (tsc)"
  rm -rf dist
  npx tsc -p .
  if $build_only; then
    continue
  fi
  step "$package: tests (node --test, startTestBackend with the real catalog backend)"
  node --test --test-reporter=spec dist/
done
