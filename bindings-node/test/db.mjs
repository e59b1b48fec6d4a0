// A schema of the platform's tables (tests/sql/postgres.sql, plus the users' names the preview
// routes show) in the test database, a Prisma Client 7 on it, and row inserts. Each test file
// makes its own schema and drops it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { packageDir, readText, repoRoot } from './support.mjs';

const require = createRequire(import.meta.url);
const { PrismaClient } = require(join(packageDir, 'dist/prisma-client/client.js'));
const { PrismaPg } = require('@prisma/adapter-pg');
export const dropIn = require(join(packageDir, 'dist/prisma/index.js'));

export const URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema with the tables; `prisma()` makes clients on it, `drop()` removes it all. */
export async function schema(name) {
  const SCHEMA = `genova_node_${name}_${process.pid}_${Date.now()}`;
  const pool = new pg.Pool({ connectionString: URL, max: 4 });
  await pool.query(`CREATE SCHEMA "${SCHEMA}"`);
  const client = await pool.connect();
  try {
    await client.query(`SET search_path TO "${SCHEMA}"`);
    await client.query(readText(join(repoRoot, 'tests/sql/postgres.sql')));
    await client.query(`ALTER TABLE users ADD COLUMN "firstName" TEXT, ADD COLUMN "lastName" TEXT`);
  } finally {
    client.release();
  }
  const clients = [];
  return {
    name: SCHEMA,
    pool,
    /** The URL the CLI takes for this schema. */
    cliUrl: `${URL}${URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${SCHEMA}`,
    prisma(options = {}) {
      const p = new PrismaClient({ adapter: new PrismaPg({ connectionString: URL, options: `-c search_path=${SCHEMA}`, ...(options.pool ?? {}) }, { schema: SCHEMA }), ...(options.client ?? {}) });
      clients.push(p);
      return p;
    },
    /** Runs SQL on this schema. */
    async sql(text, values = []) {
      const c = await pool.connect();
      try {
        await c.query(`SET search_path TO "${SCHEMA}"`);
        return await c.query(text, values);
      } finally {
        c.release();
      }
    },
    async insert(table, rows) {
      const c = await pool.connect();
      try {
        await c.query(`SET search_path TO "${SCHEMA}"`);
        await insertRows(c, table, rows);
      } finally {
        c.release();
      }
    },
    async drop() {
      for (const p of clients) await p.$disconnect().catch(() => {});
      await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await pool.end();
    },
  };
}

/** INSERTs `rows` into `table` with the platform's enum casts, one statement per 500 rows. */
export async function insertRows(client, table, rows) {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const cols = Object.keys(chunk[0]);
    const cast = (k) => (k === 'recurrencePattern' ? '::"RecurrencePattern"' : k === 'status' && table === 'class_tutor_assignments' ? '::"AssignmentStatus"' : k === 'status' ? '::"SessionStatus"' : '');
    const values = [];
    const tuples = chunk.map((row) => `(${cols.map((k) => {
      const v = row[k];
      values.push(v !== null && v !== undefined && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v ?? null);
      return `$${values.length}${cast(k)}`;
    }).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

/** Countries, users and subjects most tests need. */
export async function basics(db, extraUsers = []) {
  await db.insert('countries', [
    { id: 'cm', code: 'CM', timezone: 'Africa/Douala' }, { id: 'fr', code: 'FR', timezone: 'Europe/Paris' },
    { id: 'us', code: 'US', timezone: 'America/New_York' }, { id: 'xx', code: 'XX', timezone: 'Mars/Olympus' },
  ]);
  await db.insert('users', [
    { id: 'u-cm', countryCode: 'CM', firstName: null, lastName: null }, { id: 'u-fr', countryCode: 'FR', firstName: null, lastName: null },
    { id: 'u-us', countryCode: 'US', firstName: null, lastName: null }, { id: 'u-xx', countryCode: 'XX', firstName: null, lastName: null },
    ...extraUsers,
  ]);
  await db.insert('subjects', [{ id: 'sub-math', name: 'Mathématiques' }, { id: 'sub-phys', name: 'Physique' }, { id: 'sub-chem', name: 'Chimie' }]);
  await db.insert('level_subjects', [{ id: 'ls-math', subjectId: 'sub-math' }, { id: 'ls-phys', subjectId: 'sub-phys' }, { id: 'ls-chem', subjectId: 'sub-chem' }]);
}

export const SUBJECT_OF = { 'ls-math': 'Mathématiques', 'ls-phys': 'Physique', 'ls-chem': 'Chimie' };
