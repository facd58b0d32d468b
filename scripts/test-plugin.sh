#!/usr/bin/env bash
# The Backstage plugin (plugin-backstage/): install, generate from wasm/pkg (build it first:
# scripts/build-wasm.sh), type-check, lint, build, Jest, bundle size, end-to-end in Chromium against
# the dev backend (a real Backstage backend with the catalog on PostgreSQL 15).
# Installs what is missing (npm packages once per lockfile, Debian's chromium when root).
set -euo pipefail
cd "$(dirname "$0")/../plugin-backstage"

step() { printf '\n--> plugin: %s\n' "$*"; }

step "npm ci (skipped while package-lock.json is unchanged)"
want=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.kataster-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

if [ ! -f ../wasm/pkg/embed/kataster_wasm_bg.wasm ]; then
  step "the WebAssembly package is not built: scripts/build-wasm.sh"
  bash ../scripts/build-wasm.sh
fi

step "generate (the .wasm, its glue and the worker from wasm/pkg; the Acme example; config.schema.json)"
node scripts/generate.mjs

step "type-check (tsc, declarations for the build)"
rm -rf dist-types
npx tsc -p . --noEmit false --declaration --emitDeclarationOnly

step "lint"
npx backstage-cli package lint

step "build (backstage-cli package build)"
npx backstage-cli package build

step "unit and component tests (Jest)"
CI=true npx backstage-cli package test --ci

step "bundle size added to an app"
node scripts/bundle-size.mjs

step "end-to-end test in Chromium: the dev backend (../plugin-backstage-backend/dev) on PostgreSQL 15 and the dev app (backstage-cli package start)"
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    echo "could not install chromium: the end-to-end test will be skipped"
fi
# The dev backend runs the two backend packages' builds (scripts/test.sh builds and tests them
# first; alone, this script builds them when they are missing).
if [ ! -f ../plugin-backstage-backend/dist/testing/gitHost.js ] || [ ! -f ../plugin-backstage-catalog-module/dist/index.js ]; then
  step "the backend packages are not built: scripts/test-backend.sh --build-only"
  bash ../scripts/test-backend.sh --build-only
fi
# A throwaway PostgreSQL cluster for the catalog (installed when missing, as root); without it
# the dev backend runs on better-sqlite3 in memory.
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/kataster-e2e-pg.XXXXXX")
chmod 755 "$pgdir"
trap 'bash ../scripts/dev-postgres.sh stop "$pgdir/cluster"; rm -rf "$pgdir"' EXIT
if database=$(bash ../scripts/dev-postgres.sh start "$pgdir/cluster"); then
  export "${database?}"
  echo "PostgreSQL 15 for the dev backend: ${database#*=}"
else
  echo "PostgreSQL 15 is not available: the dev backend's catalog runs on better-sqlite3 in memory"
fi
node --test e2e/
echo "screenshots: plugin-backstage/e2e/screenshots/"
