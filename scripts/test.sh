#!/usr/bin/env bash
# Every test of kataster, as README.md shows it. Installs what it needs on a fresh machine
# (rustup components, npm packages) and reuses what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || echo "rustup: could not add rustfmt/clippy (continuing with what is installed)"

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "build"
cargo build --workspace --locked

step "unit, property, corpus and CLI tests"
cargo test --workspace --locked

step "differential test against Backstage's own validation (@backstage/catalog-model)"
bash scripts/differential.sh target/debug/kataster
