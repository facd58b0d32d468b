#!/usr/bin/env bash
# The Backstage plugin (plugin-backstage/): install, generate from wasm/pkg (build it first:
# scripts/build-wasm.sh), type-check, lint, build, Jest, bundle size, end-to-end in Chromium.
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

step "end-to-end test in Chromium (dev app served by backstage-cli package start)"
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    echo "could not install chromium: the end-to-end test will be skipped"
fi
node --test e2e/
echo "screenshots: plugin-backstage/e2e/screenshots/"
