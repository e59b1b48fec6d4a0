#!/usr/bin/env bash
# The Node stage of scripts/test.sh: installs the npm packages, builds the addon (release) and
# the Prisma drop-in, checks the committed loader and index.d.ts (its types generated from the
# Rust types, as the WebAssembly build's) are what a fresh build
# generates, and runs every node test, the Prisma ones against PostgreSQL at
# $DATABASE_URL_TEST (each run creates a schema of its own and drops it). Idempotent.
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

step "node --test"
node --test --test-concurrency=1 test/*.test.mjs
