#!/usr/bin/env bash
# Every test of kataster, as README.md shows it. Installs what it needs on a fresh machine
# (rustup components and targets, npm packages, Debian packages when root) and reuses what
# is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || echo "rustup: could not add rustfmt/clippy (continuing with what is installed)"

step "test dependencies (xmllint, the SARIF schema; for the GitLab CI image: musl target, buildah, podman)"
bash scripts/test-deps.sh

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The WebAssembly package with its whole API (the workspace lints the browser's subset).
cargo clippy -p kataster-wasm --all-targets --locked --features full,custom-schemas -- -D warnings

step "build"
cargo build --workspace --locked

step "unit, property, corpus and CLI tests"
cargo test --workspace --locked

step "WebAssembly package (installs the wasm32 target, wasm-bindgen-cli, wasm-pack and binaryen when missing)"
bash scripts/build-wasm.sh

step "WebAssembly: the action's committed bundle (action/dist) is current"
node action/lib/bundle.mjs check

step "WebAssembly: the TypeScript types (tsc)"
wasm/node_modules/.bin/tsc -p wasm/tests

step "WebAssembly: API, conformance with the native CLI, the action, the browser's build against the complete one (node --test)"
node --test action/test/

step "WebAssembly: the API and the conformance corpus again, all on the build with the custom-schema validator"
KATASTER_WASM_BUILD=schemas node --test action/test/api.test.mjs action/test/conformance.test.mjs

step "WebAssembly: the API and hostile input again on the browser's build (web/), the rest of the API on the complete build"
KATASTER_WASM_PKG="$(pwd)/wasm/pkg" KATASTER_WASM_BUILD=web node --test action/test/api.test.mjs
KATASTER_WASM_BUILD=web node --test tests/hostile/

step "WebAssembly: hostile input, a case per process (node --test tests/hostile/)"
node --test tests/hostile/

step "Backstage backend packages: install, tsc, the source endpoint and the catalog module on a real catalog backend (startTestBackend)"
bash scripts/test-backend.sh

step "Backstage plugin: install, generate from the WebAssembly package, tsc, lint, build, Jest, end-to-end in Chromium against the dev backend (PostgreSQL 15)"
bash scripts/test-plugin.sh

step "GitLab CI image: build it (buildah), run the template's job in it (podman)"
cargo test -p kataster-cli --locked --test gitlab_ci -- --ignored

step "differential test against Backstage's own validation (@backstage/catalog-model)"
bash scripts/differential.sh target/debug/kataster

step "fuzzing: each target for 30 seconds (needs nightly and cargo-fuzz; skipped with a message otherwise)"
bash scripts/fuzz.sh --brief
