#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: FUZZ_SECONDS per target (default 30, CI's cap).
# Installs what a fresh machine lacks: a nightly toolchain and cargo-fuzz. A crash, a hang
# (over 10 s on one input) or more than 2 GiB of memory fails the run; libFuzzer leaves the
# input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

python3 scripts/seed.py
cargo +nightly fuzz build
for target in plan_json parsers functions; do
  echo "--- fuzz $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict=snapshot.dict -print_final_stats=1 \
    2>&1 | grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|INFO: seed corpus|==[0-9]+==|SUMMARY|.*panicked)' || true
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz $target found a failing input:" artifacts/"$target"/*
    exit 1
  fi
done
