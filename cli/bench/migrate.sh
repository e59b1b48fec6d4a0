#!/usr/bin/env bash
# The migrate benchmark against the real PostgreSQL (never run by the tests):
# seeds 10,000 classes x 5 slots (two tutors per slot, 5-24 members per class, 10% of the
# window's sessions already stored) into a fresh schema, then times `migrate --weeks 4`
# (about 180,000 new sessions) and the re-run under /usr/bin/time -v.
#
#   bash cli/bench/migrate.sh            # DATABASE_URL defaults to the local test server
#   CLASSES=1000 bash cli/bench/migrate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SERVER=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
CLASSES=${CLASSES:-10000}
SLOTS=${SLOTS:-5}
SCHEMA=bench_migrate
URL="$SERVER?options=-c%20search_path%3D$SCHEMA"
OUT=${BENCH_OUT:-target/bench-migrate}
mkdir -p "$OUT"

cargo build --release -q -p genova-sessions-cli
BIN=target/release/genova-sessions

echo "== seeding $CLASSES classes x $SLOTS slots into schema $SCHEMA"
python3 cli/bench/snapshot.py --classes "$CLASSES" --slots "$SLOTS" > "$OUT/snapshot.json"
psql "$SERVER" -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; CREATE SCHEMA $SCHEMA;"
PGOPTIONS="-c search_path=$SCHEMA" psql "$SERVER" -q -f tests/sql/postgres.sql
"$BIN" seed -D "$URL" -i "$OUT/snapshot.json" 2>&1 | tr '\n' ' '; echo
psql "$URL" -qc "VACUUM ANALYZE;"

measure() { # name, args...
  local name=$1; shift
  /usr/bin/time -v "$BIN" "$@" > "$OUT/$name.out" 2> "$OUT/$name.time" || true
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$OUT/$name.time" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$OUT/$name.time" | awk '{print $NF}')
  printf '%-10s wall %-8s peak RSS %6d MB   %s\n' "$name" "$wall" $((rss / 1024)) \
    "$(cat "$OUT/$name.out" "$OUT/$name.time" | grep -E 'Sessions (that would be )?generated|^Plan:' | tr -s ' \n' ' ')"
}

NOW=2027-01-04T00:00:00Z
measure dry-run migrate --dry-run --format json -D "$URL" --now $NOW --weeks 4
STARTED=$(psql "$URL" -Atc "SELECT now() AT TIME ZONE 'UTC'")
measure migrate migrate -D "$URL" --now $NOW --weeks 4
# The bar: PostgreSQL's own COPY of the same rows into the same table, in the same script.
# The rows the migration wrote are copied out, deleted, and COPY'd back in (which restores
# them for the re-run).
psql "$URL" -qc "\copy (SELECT * FROM tutoring_sessions WHERE \"createdAt\" >= '$STARTED') TO '$OUT/written.tsv'"
psql "$URL" -qc "DELETE FROM tutoring_sessions WHERE \"createdAt\" >= '$STARTED'"
psql "$URL" -qc "VACUUM ANALYZE tutoring_sessions"
copy_start=$(date +%s.%N)
psql "$URL" -qc "\copy tutoring_sessions FROM '$OUT/written.tsv'"
copy_end=$(date +%s.%N)
printf '%-10s wall %.2f s   %s rows (psql \\copy of the rows migrate wrote)\n' copy \
  "$(awk "BEGIN { print $copy_end - $copy_start }")" "$(wc -l < "$OUT/written.tsv")"
measure re-run  migrate -D "$URL" --now $NOW --weeks 4
psql "$URL" -Atc "SELECT 'tutoring_sessions rows: ' || count(*) FROM tutoring_sessions"
