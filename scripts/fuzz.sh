#!/usr/bin/env bash
# Fuzz kataster with cargo-fuzz (libFuzzer): each target of fuzz/ in turn, seeded with its
# committed seeds (fuzz/seeds/TARGET) and past failures (fuzz/regressions/TARGET).
#
#   scripts/fuzz.sh [--seconds N] [--seed N] [--sanitizer none|address] [--install] [--brief] [TARGET...]
#
# --seconds N   how long each target runs (default 600: the ten minutes issue 9 asks for)
# --brief       30 seconds each with a fixed seed (so that a commit's result does not depend on
#               luck: exploring is the long runs' job), and skip (exit 0, with a message) when
#               nightly or cargo-fuzz is missing: the step of scripts/test.sh
# --seed N      libFuzzer's seed (default: random; --brief: 1)
# --install     install cargo-fuzz when it is missing (about 5 minutes on 2 cores)
# --sanitizer   libFuzzer's sanitizer (default none: the code is safe Rust, and without
#               AddressSanitizer a target runs several times faster; debug assertions stay on)
#
# Targets (fuzz/fuzz_targets): check (YAML text to the full check's diagnostics), policy,
# namespace (naming conventions), versions (version/commit/tag parsing and scenarios), render
# (every output format of the CLI). The invariants each asserts are in fuzz/src/lib.rs. New
# inputs go to fuzz/corpus/TARGET (not committed); a failing input is written to
# fuzz/artifacts/TARGET/ and this script fails, naming it: fix the cause, then copy the input to
# fuzz/regressions/TARGET/ so that `cargo test` (cli/tests/fuzz_regressions.rs) keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
sanitizer=none
install=false
brief=false
seed=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --sanitizer) sanitizer="$2"; shift 2 ;;
    --install) install=true; shift ;;
    --brief) brief=true; seconds=30; seed="${seed:-1}"; shift ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

skip() {
  if $brief; then
    echo "fuzzing skipped: $*"
    exit 0
  fi
  echo "$*" >&2
  exit 1
}

if ! cargo +nightly --version >/dev/null 2>&1; then
  skip "no nightly toolchain (rustup toolchain install nightly)"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  if $install; then
    echo "installing cargo-fuzz (about 5 minutes on 2 cores)"
    cargo install cargo-fuzz --locked
  else
    skip "cargo-fuzz is not installed. Installing it takes about 5 minutes on 2 cores and building the targets about 5 more, which would take the test command past its time budget on a fresh machine; run scripts/fuzz.sh --install (or cargo install cargo-fuzz) once, and later runs of scripts/test.sh fuzz each target for 30 seconds."
  fi
fi

if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
fi

echo "building the fuzz targets (sanitizer: $sanitizer)"
(cd fuzz && nice -n 10 cargo +nightly fuzz build --sanitizer "$sanitizer")

failed=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  # Relative to fuzz/, where cargo fuzz runs; new inputs go to the first folder.
  inputs=("corpus/$target" "seeds/$target")
  [ -d "fuzz/regressions/$target" ] && inputs+=("regressions/$target")
  echo "==> fuzzing $target for ${seconds}s"
  log=$(mktemp)
  set +e
  (cd fuzz && nice -n 10 cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "${inputs[@]}" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 ${seed:+-seed="$seed"}) >"$log" 2>&1
  status=$?
  set -e
  grep -E '^(Done [0-9]+ runs|stat::peak_rss_mb)' "$log" | sed 's/^/    /'
  if [ "$status" -ne 0 ]; then
    grep -E 'panicked at|ERROR: libFuzzer|Test unit written to' "$log" | head -5 | sed 's/^/    /'
    failed+=("$target")
  fi
  rm -f "$log"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found failures in: ${failed[*]} (the inputs are in fuzz/artifacts/; reproduce with (cd fuzz && cargo +nightly fuzz run TARGET artifacts/TARGET/FILE))" >&2
  exit 1
fi
echo "fuzzing: no failures"
