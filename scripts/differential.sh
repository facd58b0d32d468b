#!/usr/bin/env bash
# The differential test: Backstage's own validation (tests/differential, Node) and
# `kataster check --select CAT0` must give the same verdict on every document of the real
# corpus (../shared/corpus/real, when present), ~2,700 generated mutations, the conformance
# corpus and the examples; twice: as a default backend, and as one with the ai-model catalog
# model module (the ModelProcessor instead of the built-in kinds' processor). Then the editor schema on the same documents: none that Backstage
# accepts is an error under schemas/catalog-info.schema.json (ajv), and the share of rejected
# ones it catches keeps its floor (tests/differential/schema.mjs).
# Usage: scripts/differential.sh [KATASTER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
kataster="${1:-target/debug/kataster}"

lock=tests/differential/package-lock.json
installed=tests/differential/node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ "$lock" -nt "$installed" ]; then
  (cd tests/differential && npm ci --no-audit --no-fund --loglevel=error)
fi

node tests/differential/generate.mjs target/differential/generated >/dev/null

inputs=(target/differential/generated tests/corpus examples)
shared=../shared/corpus/real
if [ -d "$shared" ]; then
  inputs=(--shared-corpus "$shared" "${inputs[@]}")
else
  echo "skipping the real corpus: $shared is absent (it lives in the workplace's shared/ folder)"
fi
node tests/differential/compare.mjs --quiet --kataster "$kataster" \
  --exceptions tests/differential/exceptions.tsv "${inputs[@]}"
echo "the same, as a backend with the ai-model catalog model module (kataster: modules: [ai-model])"
node tests/differential/compare.mjs --quiet --kataster "$kataster" --modules ai-model \
  --kataster-arg --config --kataster-arg tests/differential/ai-model.kataster.yaml \
  --exceptions tests/differential/exceptions.tsv "${inputs[@]}"
node tests/differential/schema.mjs "${inputs[@]}"
