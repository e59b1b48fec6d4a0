#!/usr/bin/env bash
# The WebAssembly stage of the test command (called by ../scripts/test.sh): installs what a
# fresh machine lacks — the wasm32 target, wasm-bindgen-cli at the crate's exact version,
# the npm packages, Debian's Chromium — builds pkg/node and pkg/web, and runs `node --test`:
# every vector, conformance and malformed case through both builds (the web one in headless
# Chromium), the input rules, the preview page and the TypeScript declarations. Idempotent: installs are skipped when
# already done. Benchmarks are not run here.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo "--- bindings-wasm: $*"; }

pinned=$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=([0-9.]+)".*/\1/p' Cargo.toml)
if [[ -z $pinned ]]; then
  echo "bindings-wasm/Cargo.toml: wasm-bindgen must be pinned as \"=X.Y.Z\"" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $pinned" ]]; then
  # Without --locked: its lock file may name crate versions this registry does not have yet.
  step "cargo install wasm-bindgen-cli --version $pinned"
  cargo install wasm-bindgen-cli --version "$pinned"
fi

# npm writes node_modules/.package-lock.json on install: newer than the lock file = done.
if [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
  # `npm install` with the committed lock file, not `npm ci`: vite's lock entry names an
  # optional Windows-only package (napi-windows-process-start-time) that the registry does not
  # serve, so the lock cannot hold it and `npm ci` refuses; `npm install` skips it and leaves
  # the lock file as it is.
  step "npm install (from package-lock.json)"
  npm install --no-audit --no-fund
fi

if [[ ! -x /usr/bin/chromium ]]; then
  step "apt-get install chromium"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq chromium
fi

step "npm run build, checking the generated index.d.ts is committed as built"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp index.d.ts "$tmp/"
npm run build
if ! diff -u "$tmp/index.d.ts" index.d.ts; then
  echo "bindings-wasm/index.d.ts differs from what the build generates: run npm run build and commit it" >&2
  exit 1
fi

step "node --test"
node --test --test-concurrency=1 test/*.test.mjs
