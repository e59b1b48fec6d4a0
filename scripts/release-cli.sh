#!/usr/bin/env bash
# Builds the release archives of the CLI `genova-sessions` into dist/:
#
#   bash scripts/release-cli.sh [TARGET...]     (default: both static Linux targets)
#
# Linux musl targets (x86_64-unknown-linux-musl, aarch64-unknown-linux-musl) are cross-linked
# with cargo-zigbuild (zig from PyPI) from any Linux host and checked to be static: no dynamic
# section, no interpreter, no libssl (sqlx uses rustls). Other targets (macOS, Windows) are
# built with plain cargo on their own host, as the release workflow does. Per target:
#
#   dist/TARGET/genova-sessions[.exe]                     the binary (the Dockerfile copies it)
#   dist/genova-sessions-VERSION-TARGET.tar.gz (.zip on Windows) and its .sha256
#
# Builds share target/ (each triple in its own target/TARGET/release). Installs the rustup
# target and the PyPI tools itself (scripts/release-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/release-env.sh
source scripts/release-env.sh

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
fi

version=$(cargo metadata --no-deps --format-version 1 |
  "$release_python" -c 'import json,sys; sys.stdout.write(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "genova-sessions-cli"))')

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi
}

# Fails unless FILE is a statically linked ELF executable without OpenSSL.
check_static() {
  local bin=$1 dynamic
  file "$bin"
  dynamic=$(readelf --dynamic "$bin" | grep -E 'NEEDED' || true)
  if [[ -n $dynamic ]] || readelf --program-headers "$bin" | grep -q INTERP; then
    echo "$bin is not statically linked:" >&2
    echo "$dynamic" >&2
    exit 1
  fi
  if grep -qa 'libssl\.so' "$bin"; then
    echo "$bin refers to libssl" >&2
    exit 1
  fi
  echo "$bin: static (no NEEDED, no INTERP), no OpenSSL"
}

needs_zig=false
for t in "${targets[@]}"; do
  [[ $t == *-linux-musl ]] && needs_zig=true
done
if $needs_zig; then
  release_tools
fi
release_targets "${targets[@]}"

mkdir -p dist
for target in "${targets[@]}"; do
  exe=genova-sessions
  [[ $target == *windows* ]] && exe=genova-sessions.exe
  if [[ $target == *-linux-musl ]]; then
    release_step "cargo zigbuild --release -p genova-sessions-cli --target $target"
    cargo zigbuild --release --locked -p genova-sessions-cli --target "$target"
  else
    release_step "cargo build --release -p genova-sessions-cli --target $target"
    cargo build --release --locked -p genova-sessions-cli --target "$target"
  fi
  built="target/$target/release/$exe"
  [[ $target == *-linux-* ]] && check_static "$built"

  rm -rf "dist/$target"
  mkdir -p "dist/$target"
  cp "$built" "dist/$target/$exe"
  cp README.md "dist/$target/README.md"
  cp cli/README.md "dist/$target/CLI.md"

  name="genova-sessions-$version-$target"
  if [[ $target == *windows* ]]; then
    archive="dist/$name.zip"
    rm -f "$archive"
    (cd "dist/$target" && "$release_python" -m zipfile -c "../$name.zip" "$exe" README.md CLI.md)
  else
    archive="dist/$name.tar.gz"
    tar -C "dist/$target" -czf "$archive" "$exe" README.md CLI.md
  fi
  (cd dist && sha256 "$(basename "$archive")" >"$(basename "$archive").sha256")
  release_step "$archive ($(wc -c <"$archive") bytes)"
done
