#!/usr/bin/env bash
# Runs every test of every surface, installing what a fresh machine lacks. This is the
# README's one test command, and what CI (.ci/run) calls.
#
# Each stage prints how long it took. Fuzzing and proptest case counts are capped here so
# the whole run stays well inside CI's 90 minutes; benchmarks never run here.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PROPTEST_CASES="${PROPTEST_CASES:-256}"
export DATABASE_URL_TEST="${DATABASE_URL_TEST:-postgres://postgres@127.0.0.1:5432/test}"
# The CLI's database tests create (and drop) a schema of their own per test on this server.
export GENOVA_TEST_DATABASE_URL="${GENOVA_TEST_DATABASE_URL:-$DATABASE_URL_TEST}"

declare -a SUMMARY=()
stage() {
  local name=$1
  shift
  local started=$SECONDS
  echo "=== stage: $name"
  "$@"
  local took=$((SECONDS - started))
  SUMMARY+=("$(printf '%-28s %4ds' "$name" "$took")")
  echo "=== stage: $name done in ${took}s"
}

rust_checks() {
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  # The CLI without its database features: `plan --input` only.
  cargo clippy -p genova-sessions-cli --no-default-features --all-targets -- -D warnings
  RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
}

rust_tests() {
  # Includes the CLI's PostgreSQL (fresh schema per test) and SQLite tests.
  cargo test --workspace
  # The CLI built without database features still plans every vector.
  cargo test -p genova-sessions-cli --no-default-features
}

stage "docs: links" node --test scripts/check-links.test.mjs
stage "rust: fmt, clippy, doc" rust_checks
stage "rust: cargo test" rust_tests
# The static x86_64 musl CLI runs the demo and the vectors; hadolint, actionlint (only one
# triple here: every other one is built by .github/workflows/release.yml).
stage "release: musl CLI, Dockerfile, workflow" bash scripts/release-check.sh
for script in bindings-node/scripts/test.sh bindings-wasm/scripts/test.sh fuzz/scripts/test.sh; do
  if [[ -f $script ]]; then
    stage "${script%%/*}" bash "$script"
  fi
done

echo
echo "=== stage times"
printf '%s\n' "${SUMMARY[@]}"
