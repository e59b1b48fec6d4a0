#!/usr/bin/env bash
# The Node stage of scripts/test.sh: installs the npm packages and the wasm32-wasip1-threads
# target, builds the addon (release), its WASI fallback (release, once) and the Prisma drop-in,
# checks the committed loaders (index.js, the *.wasi*.{cjs,js} and wasi-worker*.mjs files) and
# index.d.ts (its types generated from the Rust types, as the WebAssembly build's) are what a
# fresh build generates, and runs every node test twice: on the native addon, then — all but
# the install test, which installs both itself — forced onto the WASI build
# (NAPI_RS_FORCE_WASI=error: WASI or fail, never a silent native fallback). The Prisma tests
# run against PostgreSQL at $DATABASE_URL_TEST (each run creates a schema of its own and drops
# it). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(cd .. && pwd)
export DATABASE_URL_TEST="${DATABASE_URL_TEST:-postgres://postgres@127.0.0.1:5432/test}"
# Prisma 7's client needs no engine; `prisma generate` only wants a schema engine path to skip
# its download, and any existing file will do.
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1

step() { echo "--- bindings-node: $*"; }

# Install only when the lock file changed since the last install (npm ci wipes node_modules).
if ! [[ -f node_modules/.ci-stamp && node_modules/.ci-stamp -nt package-lock.json ]]; then
  step "npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
  touch node_modules/.ci-stamp
fi

if ! rustup target list --installed | grep -qx wasm32-wasip1-threads; then
  step "rustup target add wasm32-wasip1-threads"
  rustup target add wasm32-wasip1-threads
fi

step "the CLI, to compare plans byte for byte"
(cd "$root" && cargo build --release -p genova-sessions-cli --quiet)

step "npm run build (release), checking the generated index.js and index.d.ts are committed as built"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp index.js index.d.ts "$tmp/"
npm run build --silent
for f in index.js index.d.ts; do
  if ! diff -u "$tmp/$f" "$f"; then
    echo "bindings-node/$f differs from what the build generates: run npm run build and commit it" >&2
    exit 1
  fi
done

# The WASI fallback, release (one build, reused by the install test): napi also writes the
# loaders (genova-sessions.wasi.cjs, .wasi.d.cts, .wasi-browser.js, wasi-worker*.mjs,
# browser.js), committed like index.js and checked the same way. Its index.d.ts goes to npm/
# (ignored): the one checked above is the native build's.
wasi_files=(genova-sessions.wasi.cjs genova-sessions.wasi.d.cts genova-sessions.wasi-browser.js wasi-worker.mjs wasi-worker-browser.mjs browser.js)
step "napi build --target wasm32-wasip1-threads (release), checking its loaders are committed as built"
cp "${wasi_files[@]}" "$tmp/"
mkdir -p npm
npx napi build --platform --release --target wasm32-wasip1-threads --js index.js --dts npm/wasi-index.d.ts
for f in index.js "${wasi_files[@]}"; do
  if ! diff -u "$tmp/$f" "$f"; then
    echo "bindings-node/$f differs from what the WASI build generates: run it and commit the file" >&2
    exit 1
  fi
done

step "type check: a typed caller of index.d.ts (test/types/usage.ts, tsc --noEmit)"
npx tsc -p test/types/tsconfig.json

step "the Prisma Client of prisma/schema.prisma, for the tests"
npx prisma generate --schema prisma/schema.prisma >/dev/null
npx tsc -p prisma/client.tsconfig.json
step "type check: the generated PrismaClient fits createSessionGenerator"
npx tsc -p prisma/typecheck.tsconfig.json
# Prisma 5.22, the platform's version: its engines cannot be downloaded here, so the client is
# generated with --no-engine (the same types, no engine) and only type-checked.
step "type check: a Prisma 5.22 client fits too (prisma/v5)"
(
  cd prisma/v5
  if ! [[ -f node_modules/.ci-stamp && node_modules/.ci-stamp -nt package-lock.json ]]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    touch node_modules/.ci-stamp
  fi
  bash schema.sh
  # Any existing file stops Prisma 5 from fetching engines --no-engine does not use.
  PRISMA_QUERY_ENGINE_LIBRARY="$(command -v node)" npx prisma generate --no-engine --schema schema.prisma >/dev/null
  npx tsc -p tsconfig.json
)

if ! pg_isready -d "$DATABASE_URL_TEST" -q 2>/dev/null && ! node -e "new (require('pg').Client)(process.env.DATABASE_URL_TEST).connect().then(c=>process.exit(0),()=>process.exit(1))"; then
  echo "PostgreSQL is not reachable at $DATABASE_URL_TEST" >&2
  exit 1
fi

step "node --test (native)"
GENOVA_INSTALL_TEST_BOTH=1 node --test --test-concurrency=1 test/*.test.mjs

step "node --test (WASI: NAPI_RS_FORCE_WASI=error)"
wasi_tests=()
for f in test/*.test.mjs; do [[ $f == test/pack.test.mjs ]] || wasi_tests+=("$f"); done
NAPI_RS_FORCE_WASI=error NODE_NO_WARNINGS=1 node --test --test-concurrency=1 "${wasi_tests[@]}"
