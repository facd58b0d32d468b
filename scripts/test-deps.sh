#!/usr/bin/env bash
# What the tests need beyond cargo, installed when missing and reused when present:
# - xmllint (Debian's libxml2-utils): JUnit and checkstyle outputs are validated against XSDs;
# - the SARIF 2.1.0 JSON schema, unpacked from the npm package @microsoft/jest-sarif into
#   target/test-deps/ (never committed);
# - the SARIF Multitool (npm @microsoft/sarif-multitool, a self-contained .NET program) in
#   target/test-deps/sarif-multitool/: SARIF output is validated with GitHub code scanning's
#   ingestion rules. It must install: without it this script fails;
# - strace and GNU time (Debian's strace, time): the hostile-input tests check that the CLI
#   opens no network connection and writes only its reports, and measure peak memory;
# - Neovim (Debian's neovim): the language server's real-client test (cli/tests/nvim.rs);
# - for the GitLab CI image (gitlab-ci-image/test.sh): the x86_64-unknown-linux-musl target,
#   musl-tools, buildah, podman, runc and busybox-static.
# Without root nothing is installed with apt-get: the tests that need a missing tool skip and
# say which. Usage: scripts/test-deps.sh [--no-image]
set -euo pipefail
cd "$(dirname "$0")/.."

image=1
[ "${1:-}" = "--no-image" ] && image=0

packages=(libxml2-utils strace time neovim)
if [ "$image" = 1 ]; then
  packages+=(musl-tools buildah podman runc busybox-static)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} (apt-get)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "not root: cannot install ${missing[*]}; the tests that need them will skip"
  fi
fi

if [ "$image" = 1 ] && command -v rustup >/dev/null; then
  rustup target list --installed | grep -qx x86_64-unknown-linux-musl ||
    rustup target add x86_64-unknown-linux-musl >/dev/null 2>&1 ||
    echo "rustup: could not add x86_64-unknown-linux-musl; the image test will skip"
fi

# The SARIF 2.1.0 schema (draft-04, 2.1.0-rtm.5, the OASIS standard's final draft) that
# @microsoft/jest-sarif ships. Only the tarball is fetched; nothing is installed or run.
sarif_package=@microsoft/jest-sarif@1.0.0-beta.0
sarif_schema=target/test-deps/sarif-schema-2.1.0.json
if [ ! -s "$sarif_schema" ]; then
  if command -v npm >/dev/null; then
    work=$(mktemp -d)
    if (cd "$work" && npm pack --silent "$sarif_package" >/dev/null 2>&1) &&
      tar -xzf "$work"/*.tgz -C "$work" package/lib/schemas/sarif-2.1.0-rtm.5.json; then
      mkdir -p target/test-deps
      mv "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$sarif_schema"
      echo "SARIF schema: $sarif_schema (from $sarif_package)"
    else
      echo "could not fetch $sarif_package: the SARIF schema test will skip"
    fi
    rm -rf "$work"
  else
    echo "npm is missing: the SARIF schema test will skip"
  fi
fi

# The SARIF Multitool, pinned. Its package's install script only marks the program executable;
# npm may not run it (allowScripts), so that is done here. Unlike the schema above, a missing
# Multitool is an error: the GitHub ingestion rules are checked nowhere else.
multitool_version=5.7.0
multitool_dir=target/test-deps/sarif-multitool
multitool="$multitool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$multitool" ] ||
  ! grep -q "\"version\": \"$multitool_version\"" "$multitool_dir/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
  command -v npm >/dev/null || { echo "npm is missing: cannot install the SARIF Multitool" >&2; exit 1; }
  mkdir -p "$multitool_dir"
  (cd "$multitool_dir" && npm install --no-audit --no-fund --no-save --loglevel=error \
    "@microsoft/sarif-multitool@$multitool_version" >/dev/null) ||
    { echo "could not install @microsoft/sarif-multitool@$multitool_version" >&2; exit 1; }
  chmod u+x "$multitool"
  echo "SARIF Multitool: $multitool ($multitool_version)"
fi
"$multitool" --version >/dev/null 2>&1 || { echo "the SARIF Multitool does not run: $multitool" >&2; exit 1; }
