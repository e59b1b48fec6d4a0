// The daily job at the platform's scale: maintainSessionWindow over N active classes × 5 weekly
// slots (default 50,000 classes: 1,000,000 sessions for 4 weeks) through Prisma Client 7 on
// PostgreSQL, then the re-run (nothing to create). Prints the time, the statements per batch
// and the process's peak RSS. Not part of the test command.
//
//   cd bindings-node && npm run build && npx prisma generate --schema prisma/schema.prisma \
//     && npx tsc -p prisma/client.tsconfig.json && node bench/maintain.mjs [--classes 50000]
//
// Tutors: 5,000, each holding the 5 slots of 10 classes of one zone at 10 different hours (no
// double booking); zones Douala, Dakar and Paris (DST inside the window when run in March or
// October). The schema genova_bench_maintain is created in DATABASE_URL_BENCH (default: the
// test database) and dropped at the end unless --keep.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { packageDir, readText, repoRoot } from '../test/support.mjs';

const require = createRequire(import.meta.url);
const { PrismaClient } = require(join(packageDir, 'dist/prisma-client/client.js'));
const { PrismaPg } = require('@prisma/adapter-pg');
const { createSessionGenerator } = require(join(packageDir, 'dist/prisma/index.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const CLASSES = Number(arg('classes', 50_000));
const NOW = new Date(arg('now', '2026-10-12T00:00:00.000Z'));
const URL = process.env.DATABASE_URL_BENCH ?? process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = arg('schema', 'genova_bench_maintain');
const keep = process.argv.includes('--keep');

const pool = new pg.Pool({ connectionString: URL, max: 1 });
const sql = async (text) => {
  const c = await pool.connect();
  try {
    await c.query(`SET search_path TO "${SCHEMA}"`);
    return await c.query(text);
  } finally {
    c.release();
  }
};

async function seed() {
  await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await pool.query(`CREATE SCHEMA "${SCHEMA}"`);
  await sql(readText(join(repoRoot, 'tests/sql/postgres.sql')));
  await sql(`
    INSERT INTO countries (id, code, timezone) VALUES ('cm', 'CM', 'Africa/Douala'), ('sn', 'SN', 'Africa/Dakar'), ('fr', 'FR', 'Europe/Paris');
    INSERT INTO users (id, "countryCode") VALUES ('u0', 'CM'), ('u1', 'SN'), ('u2', 'FR');
    INSERT INTO users (id, "countryCode") SELECT 't' || k, 'CM' FROM generate_series(0, 4999) k;
    INSERT INTO tutor_profiles (id, "userId", "hourlyRate") SELECT 'p' || k, 't' || k, 1000 + k FROM generate_series(0, 4999) k;
    INSERT INTO subjects (id, name) SELECT 'sub' || j, 'Subject ' || j FROM generate_series(0, 4) j;
    INSERT INTO level_subjects (id, "subjectId") SELECT 'ls' || j, 'sub' || j FROM generate_series(0, 4) j;
    INSERT INTO classes (id, name, "createdBy", "isActive", "updatedAt")
      SELECT 'c' || lpad(i::text, 6, '0'), 'Class ' || i, 'u' || ((i / 10) % 3), true, now() FROM generate_series(0, ${CLASSES - 1}) i;
    INSERT INTO class_time_slots (id, "classId", "levelSubjectId", "dayOfWeek", "startTime", "endTime", "isActive", "updatedAt")
      SELECT 'c' || lpad(i::text, 6, '0') || '-s' || j, 'c' || lpad(i::text, 6, '0'), 'ls' || j, j + 1,
             lpad((8 + i % 10)::text, 2, '0') || ':00', lpad((9 + i % 10)::text, 2, '0') || ':00', true, now()
      FROM generate_series(0, ${CLASSES - 1}) i, generate_series(0, 4) j;
    INSERT INTO class_tutor_assignments (id, "classId", "timeSlotId", subject, "tutorId", "recurrencePattern", status, "isActive", "createdAt", "updatedAt")
      SELECT 'c' || lpad(i::text, 6, '0') || '-a' || j, 'c' || lpad(i::text, 6, '0'), 'c' || lpad(i::text, 6, '0') || '-s' || j, 'Subject ' || j,
             't' || ((i / 10) % 5000), 'ROUND_ROBIN', 'ACCEPTED', true, '2026-09-01', now()
      FROM generate_series(0, ${CLASSES - 1}) i, generate_series(0, 4) j;
    ANALYZE;`);
}

const mb = (kb) => `${Math.round(kb / 1024)} MB`;
const MiB = (b) => Math.round(b / 1048576);
const where = (m) => `${MiB(m.rss)} MB: V8 heap ${MiB(m.heapUsed)} used of ${MiB(m.heapTotal)}, external ${MiB(m.external)}, array buffers ${MiB(m.arrayBuffers)}`;
let t = Date.now();
await seed();
console.log(`seeded ${CLASSES} classes × 5 slots in ${((Date.now() - t) / 1000).toFixed(1)} s`);

let statements = 0;
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: URL, options: `-c search_path=${SCHEMA}` }, { schema: SCHEMA }), log: [{ emit: 'event', level: 'query' }] });
prisma.$on('query', () => (statements += 1));
const generator = createSessionGenerator(prisma, { now: () => NOW });
// process.memoryUsage() at the highest RSS sampled: where the memory is (V8's heap or outside it).
let peak = { rss: 0 };
const sample = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) peak = m;
}, 200);

for (const run of ['first run', 're-run']) {
  statements = 0;
  peak = { rss: 0 };
  t = Date.now();
  const result = await generator.maintainSessionWindow();
  const seconds = (Date.now() - t) / 1000;
  const batches = Math.ceil(CLASSES / 500);
  console.log(`${run}: ${seconds.toFixed(1)} s, ${result.classesProcessed} classes, ${result.sessionsGenerated} sessions created, ` +
    `${result.errors.length} errors, ${result.warnings.length} warnings, ${statements} statements (${(statements / batches).toFixed(1)} per batch of 500); ` +
    `highest RSS sampled ${where(peak)}`);
  // With --expose-gc: what is live once the run's garbage is collected.
  if (globalThis.gc) {
    globalThis.gc();
    console.log(`after a full GC: ${where(process.memoryUsage())}`);
  }
}
clearInterval(sample);
const stored = (await sql(`SELECT count(*)::int AS n, count(DISTINCT ("classId", subject, "scheduledStart"))::int AS d FROM tutoring_sessions`)).rows[0];
console.log(`stored: ${stored.n} sessions, ${stored.d} distinct (classId, subject, scheduledStart)`);
console.log(`peak RSS of the process: ${mb(process.resourceUsage().maxRSS)}`);
await prisma.$disconnect();
if (!keep) await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
await pool.end();
