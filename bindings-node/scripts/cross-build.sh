#!/usr/bin/env bash
# Cross-builds the addon for the Linux triples this machine is not, for a look before a
# release (never part of the test command: the release workflow builds each target on a
# runner of its own and tests it there). Links with cargo-zigbuild and zig from PyPI, pinned
# in ../scripts/release-env.sh (the venv the CLI's release build uses). Writes
# genova-sessions.<platform>.node next to index.js (git-ignored) and prints what each is.
#
#   bash bindings-node/scripts/cross-build.sh [triple ...]
#   (default: aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/release-env.sh
source ../scripts/release-env.sh
release_tools

triples=("$@")
[[ ${#triples[@]} -gt 0 ]] || triples=(aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
[[ -f node_modules/.ci-stamp ]] || npm ci --ignore-scripts --no-audit --no-fund
for triple in "${triples[@]}"; do
  rustup target list --installed | grep -qx "$triple" || rustup target add "$triple"
  release_step "napi build --release --target $triple --cross-compile (cargo-zigbuild)"
  # The same index.js as the native build (napi deletes it under --no-js, and rewrites the
  # WASI loader's metadata); the types go to npm/ (ignored): index.d.ts is the native build's.
  mkdir -p npm
  npx napi build --platform --release --target "$triple" --cross-compile --js index.js --dts "npm/cross-$triple.d.ts"
done
file genova-sessions.*.node
