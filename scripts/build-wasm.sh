#!/usr/bin/env bash
# Builds the WebAssembly package into wasm/pkg/ (the npm package `kataster-wasm`: the browser's
# build in web/ and embed/, the Node.js build in node/, the complete build with the
# custom-schema validator in node-schemas/, web-schemas/ and embed-schemas/, the JS facade and
# its TypeScript types) and, with --action, refreshes the action's committed bundle in
# action/dist/.
#
# Installs what is missing and reuses what is there (checking versions): the
# wasm32-unknown-unknown target, wasm-bindgen-cli at exactly the version wasm/Cargo.toml pins,
# wasm-pack, and wasm-opt from the npm package `binaryen` (wasm/package.json).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

update_action=false
for arg in "$@"; do
  case "$arg" in
    --action) update_action=true ;;
    *) echo "usage: scripts/build-wasm.sh [--action]" >&2; exit 2 ;;
  esac
done

bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' wasm/Cargo.toml)
[ -n "$bindgen_version" ] || { echo "wasm/Cargo.toml must pin wasm-bindgen with =" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  echo "installing wasm-bindgen-cli $bindgen_version (about 10 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
  echo "installing wasm-pack (about 10 minutes on 2 cores)"
  cargo install wasm-pack
fi
if [ ! -x wasm/node_modules/.bin/wasm-opt ] || [ ! -x wasm/node_modules/.bin/tsc ]; then
  (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
fi

# Reproducible bytes wherever the repository and the cargo home are.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
export RUSTFLAGS="--remap-path-prefix=$root=. --remap-path-prefix=$cargo_home=~/.cargo"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

pkg="$root/wasm/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
wasm_out() { echo "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$1"; }

# Three builds (docs/performance.md, WebAssembly):
# - web/ and embed/, what the browser loads: only what the Backstage plugin calls (no feature
#   `full`), without the custom-schema validator, profile wasm-web (kataster-core at "z");
# - node/: the whole API (feature `full`) without the custom-schema validator, profile
#   wasm-release (the hot path at 3);
# - node-schemas/, web-schemas/ and embed-schemas/, the complete build: everything, with the
#   validator; the facade loads it for a policy whose custom schemas are given and, in the
#   browser, for the parts of the API that web/ lacks.
# The node/ and complete builds share their dependencies; the web build has its own.
wasm-pack --quiet build wasm --target web --profile wasm-web --no-opt --no-pack \
  --out-dir pkg/web --out-name kataster_wasm
wasm-bindgen --target web --omit-default-module-path --out-dir "$pkg/embed" --out-name kataster_wasm \
  "$(wasm_out wasm-web)/kataster_wasm.wasm"
# The unstripped modules, for scripts/wasm-size.mjs.
cp "$(wasm_out wasm-web)/kataster_wasm.wasm" "$(wasm_out wasm-web)/kataster_wasm-web.unstripped.wasm"
wasm-pack --quiet build wasm --target nodejs --profile wasm-release --no-opt --no-pack \
  --out-dir pkg/node --out-name kataster_wasm -- --features full
cp "$(wasm_out wasm-release)/kataster_wasm.wasm" "$(wasm_out wasm-release)/kataster_wasm.unstripped.wasm"
for target in nodejs web; do
  dir=$([ "$target" = nodejs ] && echo node || echo web)-schemas
  wasm-pack --quiet build wasm --target "$target" --profile wasm-release --no-opt --no-pack \
    --out-dir "pkg/$dir" --out-name kataster_wasm -- --features full,custom-schemas
done
# For bundlers and hosts that load the module themselves: no default URL of the .wasm.
wasm-bindgen --target web --omit-default-module-path --out-dir "$pkg/embed-schemas" --out-name kataster_wasm \
  "$(wasm_out wasm-release)/kataster_wasm.wasm"
cp "$(wasm_out wasm-release)/kataster_wasm.wasm" "$(wasm_out wasm-release)/kataster_wasm-schemas.unstripped.wasm"

opt="$root/wasm/node_modules/.bin/wasm-opt"
# -O1, not -Oz: -Oz makes the module 3% smaller raw but 2% larger gzipped, and gzipped is what
# is loaded (docs/performance.md, WebAssembly).
optimize() {
  "$opt" -O1 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers \
    "$1/kataster_wasm_bg.wasm" -o "$1/kataster_wasm_bg.wasm.opt"
}
# Two at a time (wasm-opt takes one core); a web and its embed build differ only in their
# JavaScript, so one optimisation serves both.
optimize "$pkg/web" &
web_opt=$!
optimize "$pkg/node" &
node_opt=$!
wait "$web_opt"
wait "$node_opt"
optimize "$pkg/web-schemas" &
web_opt=$!
optimize "$pkg/node-schemas" &
node_opt=$!
wait "$web_opt"
wait "$node_opt"
for variant in "" -schemas; do
  if cmp -s "$pkg/web$variant/kataster_wasm_bg.wasm" "$pkg/embed$variant/kataster_wasm_bg.wasm"; then
    cp "$pkg/web$variant/kataster_wasm_bg.wasm.opt" "$pkg/embed$variant/kataster_wasm_bg.wasm"
  else
    optimize "$pkg/embed$variant"
    mv "$pkg/embed$variant/kataster_wasm_bg.wasm.opt" "$pkg/embed$variant/kataster_wasm_bg.wasm"
  fi
done
for dir in web node web-schemas node-schemas; do
  mv "$pkg/$dir/kataster_wasm_bg.wasm.opt" "$pkg/$dir/kataster_wasm_bg.wasm"
done
rm -f "$pkg"/*/.gitignore "$pkg"/*/package.json
cp wasm/js/* "$pkg/"
# The Node.js glue is CommonJS inside an ES module package.
for dir in node node-schemas; do
  printf '{\n  "type": "commonjs"\n}\n' > "$pkg/$dir/package.json"
done

for dir in node web embed node-schemas web-schemas embed-schemas; do
  node -e 'if (!WebAssembly.validate(require("fs").readFileSync(process.argv[1]))) { console.error(`${process.argv[1]}: not a valid WebAssembly module`); process.exit(1); }' \
    "$pkg/$dir/kataster_wasm_bg.wasm"
done
for dir in web web-schemas; do
  raw=$(wc -c < "$pkg/$dir/kataster_wasm_bg.wasm")
  gz=$(gzip -9 -c "$pkg/$dir/kataster_wasm_bg.wasm" | wc -c)
  echo "wasm/pkg/$dir: kataster_wasm_bg.wasm $raw bytes, $gz bytes gzipped"
  if [ "$dir" = web ] && [ "$gz" -gt 716800 ]; then
    echo "note: over the budget of 700 KB gzipped (see docs/performance.md, WebAssembly)" >&2
  fi
done

if $update_action; then
  node action/lib/bundle.mjs write
fi
