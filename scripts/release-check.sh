#!/usr/bin/env bash
# The release stage of the test command (scripts/test.sh): what of the release can be checked
# on one Linux machine, kept short — the cross-builds of every triple belong to the release
# workflow (.github/workflows/release.yml) and scripts/release-cli.sh.
#
#  1. the static x86_64 musl CLI (or the musl targets given as arguments), built by
#     scripts/release-cli.sh (cargo-zigbuild), linked statically without OpenSSL; it runs the
#     demo in a temporary directory (exit 0, a second run creates nothing) and plans every
#     vector of tests/vectors/ as expected — a binary of another architecture through qemu's
#     user-mode emulator (`qemu-aarch64`, Debian's qemu-user), which must then be installed:
#
#       bash scripts/release-check.sh x86_64-unknown-linux-musl aarch64-unknown-linux-musl
#  2. the Dockerfile passes hadolint (and builds, where a container engine answers);
#  3. the workflows pass actionlint (with shellcheck on their run: scripts), and the release
#     scripts pass shellcheck.
#
# Installs what it needs itself (scripts/release-env.sh); reuses target/ between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/release-env.sh
source scripts/release-env.sh
release_tools

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(x86_64-unknown-linux-musl)
bash scripts/release-cli.sh "${targets[@]}"

for target in "${targets[@]}"; do
  bin="$PWD/dist/$target/genova-sessions"
  # How to run it: directly on its own architecture, else through qemu's user-mode emulator.
  run=()
  arch=${target%%-*}
  if [[ $arch != "$(uname -m)" ]]; then
    command -v "qemu-$arch" >/dev/null || { echo "qemu-$arch is needed to run $target here (apt-get install qemu-user)" >&2; exit 1; }
    run=("qemu-$arch")
  fi

  release_step "${run[*]:+${run[*]} }$bin --version"
  "${run[@]}" "$bin" --version

  release_step "$bin demo, in a temporary directory"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && "${run[@]}" "$bin" demo --database "$tmp/demo.sqlite" >"$tmp/demo-1.txt")
  (cd "$tmp" && "${run[@]}" "$bin" demo --database "$tmp/demo.sqlite" >"$tmp/demo-2.txt")
  tail -n 3 "$tmp/demo-1.txt"
  echo "(second run)"
  tail -n 3 "$tmp/demo-2.txt"
  rm -rf "$tmp"

  release_step "$bin plan --input on every plan vector of tests/vectors/"
  python3 - "${run[@]}" "$bin" <<'PY'
import json, pathlib, subprocess, sys

def data(text):
    # Key order and the text of every number kept; only whitespace is ignored.
    return json.loads(text, object_pairs_hook=list, parse_float=str, parse_int=str)

binary, checked, failures = sys.argv[1:], 0, []
for path in sorted(pathlib.Path("tests/vectors").glob("*.json")):
    case = json.loads(path.read_text())
    if "function" in case:
        continue
    out = subprocess.run([*binary, "plan", "--input", str(path)], capture_output=True, text=True)
    expected = case["expected"]
    if isinstance(expected, dict) and list(expected) == ["error"]:
        got = out.stderr.removeprefix("error: ").split(":")[0] if out.returncode == 2 else None
        ok = got == expected["error"] and out.stdout == ""
    else:
        raw = path.read_text()
        # The expected value re-read from the file as text, so numbers keep their spelling.
        expected_data = [v for k, v in data(raw) if k == "expected"][0]
        ok = out.returncode == 0 and out.stdout.endswith("\n") and data(out.stdout) == expected_data
    checked += 1
    if not ok:
        failures.append(f"{path.name}: exit {out.returncode}, stderr {out.stderr.strip()[:200]}")
print(f"{checked - len(failures)} passed, {len(failures)} failed")
for f in failures:
    print("  " + f, file=sys.stderr)
sys.exit(1 if failures or checked == 0 else 0)
PY
done

release_step "hadolint Dockerfile"
hadolint Dockerfile
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  release_step "docker build (an engine answers)"
  docker build -t genova-sessions:release-check .
  docker run --rm genova-sessions:release-check --version
else
  release_step "no container engine here: the image is not built (the release workflow builds it)"
fi

release_step "actionlint .github/workflows/*.yml"
actionlint -shellcheck "$(command -v shellcheck)" .github/workflows/*.yml

release_step "shellcheck scripts/release-*.sh"
shellcheck -x scripts/release-*.sh
