// The Prisma drop-in against the real PostgreSQL through Prisma Client 7 and
// @prisma/adapter-pg. Tables come from tests/sql/postgres.sql, created with plain SQL in a
// schema of this run's own, dropped at the end. Needs `npm run build` and the test client
// (`prisma generate` + tsc, see scripts/test.sh).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { addon, packageDir, readText, repoRoot } from './support.mjs';

const require = createRequire(import.meta.url);
const { PrismaClient } = require(join(packageDir, 'dist/prisma-client/client.js'));
const { PrismaPg } = require('@prisma/adapter-pg');
const { createSessionGenerator } = require(join(packageDir, 'dist/prisma/index.js'));

const URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `genova_node_${process.pid}_${Date.now()}`;
const NOW = new Date('2026-03-16T00:00:00.000Z'); // Paris moves to summer time on 2026-03-29
const WEEKS = 4;

// The seeded rows, written once here and used both to fill the database and to build the
// snapshot `plan` is compared with.
const countries = [{ id: 'cm', code: 'CM', timezone: 'Africa/Douala' }, { id: 'fr', code: 'FR', timezone: 'Europe/Paris' }];
const users = [
  { id: 'u-cm', countryCode: 'CM' }, { id: 'u-fr', countryCode: 'FR' }, { id: 'u-none', countryCode: null },
  { id: 't1', countryCode: 'CM' }, { id: 't2', countryCode: 'CM' }, { id: 't3', countryCode: 'FR' }, { id: 't-rich', countryCode: 'CM' },
  ...Array.from({ length: 6 }, (_, i) => ({ id: `student${i}`, countryCode: 'CM' })),
];
const subjects = [{ id: 'sub-math', name: 'Mathématiques' }, { id: 'sub-phys', name: 'Physique' }];
const classes = [
  { id: 'c1', name: 'Terminale C', createdBy: 'u-cm', isActive: true },
  { id: 'c2', name: 'Première D', createdBy: 'u-fr', isActive: true },
  { id: 'c3', name: 'Prix trop grand', createdBy: 'u-none', isActive: true },
  { id: 'c4', name: 'Fermée', createdBy: 'u-cm', isActive: false },
];
const slots = [
  { id: 's1', classId: 'c1', levelSubjectId: 'ls-math', streamSubjectId: null, dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true },
  { id: 's2', classId: 'c1', levelSubjectId: null, streamSubjectId: 'ss-phys', dayOfWeek: 3, startTime: '09:00', endTime: '10:30', isActive: true },
  { id: 's3', classId: 'c1', levelSubjectId: null, streamSubjectId: null, dayOfWeek: 5, startTime: '22:00', endTime: '01:00', isActive: true },
  { id: 's4', classId: 'c1', levelSubjectId: 'ls-math', streamSubjectId: null, dayOfWeek: 6, startTime: '10:00', endTime: '11:00', isActive: false },
  { id: 's5', classId: 'c2', levelSubjectId: 'ls-math', streamSubjectId: null, dayOfWeek: 0, startTime: '02:30', endTime: '04:00', isActive: true },
  { id: 's6', classId: 'c2', levelSubjectId: null, streamSubjectId: 'ss-phys', dayOfWeek: 2, startTime: '18:00', endTime: '19:00', isActive: true },
  { id: 's7', classId: 'c3', levelSubjectId: 'ls-math', streamSubjectId: null, dayOfWeek: 1, startTime: '08:00', endTime: '12:00', isActive: true },
  { id: 's8', classId: 'c3', levelSubjectId: null, streamSubjectId: 'ss-phys', dayOfWeek: 2, startTime: '08:00', endTime: '09:00', isActive: true },
  { id: 's9', classId: 'c4', levelSubjectId: 'ls-math', streamSubjectId: null, dayOfWeek: 1, startTime: '08:00', endTime: '09:00', isActive: true },
];
const cancellations = [{ id: 'x1', timeSlotId: 's2', weekStart: new Date('2026-03-23T00:00:00.000Z'), reason: 'Congé', createdBy: 'u-cm' }];
const assignment = (id, classId, timeSlotId, subject, tutorId, pattern, createdAt, config = null) => ({
  id, classId, timeSlotId, subject, tutorId, recurrencePattern: pattern, recurrenceConfig: config,
  startDate: null, endDate: null, status: 'ACCEPTED', isActive: true, createdAt: new Date(createdAt),
});
const assignments = [
  assignment('a1', 'c1', 's1', 'Mathématiques', 't1', 'ROUND_ROBIN', '2026-01-05T08:00:00.000Z'),
  assignment('a2', 'c1', 's1', 'Mathématiques', 't2', 'ROUND_ROBIN', '2026-01-06T08:00:00.000Z'),
  assignment('a3', 'c1', null, 'Physique', 't2', 'WEEKLY', '2026-01-07T08:00:00.000Z', { pattern: 'alternating', startWeek: 1 }),
  assignment('a4', 'c2', 's5', 'Mathématiques', 't3', 'CONSECUTIVE_DAYS', '2026-02-01T08:00:00.000Z', { consecutiveDays: 2 }),
  assignment('a5', 'c3', 's7', 'Mathématiques', 't-rich', 'ROUND_ROBIN', '2026-02-01T08:00:00.000Z'),
];
const members = [
  ...['student0', 'student1', 'student2'].map((s, i) => ({ id: `m1-${i}`, classId: 'c1', studentId: s, isActive: true })),
  { id: 'm1-x', classId: 'c1', studentId: 'student3', isActive: false },
  ...['student4', 'student5'].map((s, i) => ({ id: `m2-${i}`, classId: 'c2', studentId: s, isActive: true })),
  { id: 'm3-0', classId: 'c3', studentId: 'student0', isActive: true },
];
const profiles = [
  { id: 'p1', userId: 't1', hourlyRate: '5000.50' }, { id: 'p2', userId: 't2', hourlyRate: '3000.00' },
  { id: 'p3', userId: 't3', hourlyRate: '45.25' }, { id: 'p4', userId: 't-rich', hourlyRate: '99999999.99' },
];
const availability = [{ id: 'av1', tutorId: 't1', dayOfWeek: 1, specificDate: null, startTime: '08:00', endTime: '15:00', isRecurring: true, isActive: true }];
const existing = [
  { id: 'e1', classId: 'c1', tutorId: 't1', subject: 'Mathématiques', scheduledStart: new Date('2026-03-16T13:00:00.000Z'),
    scheduledEnd: new Date('2026-03-16T15:00:00.000Z'), price: '30003.00', status: 'CONFIRMED', cancellationReason: null },
  { id: 'e2', classId: 'c1', tutorId: null, subject: 'Anglais', scheduledStart: new Date('2026-03-25T08:30:00.000Z'),
    scheduledEnd: new Date('2026-03-25T09:30:00.000Z'), price: '0.00', status: 'PENDING', cancellationReason: null },
];

/** The snapshot of the seeded rows, built here independently of the drop-in's loader. */
function seededSnapshot() {
  const zone = (c) => countries.find((k) => k.code === users.find((u) => u.id === c.createdBy).countryCode)?.timezone ?? null;
  const subjectOf = (s) => (s.levelSubjectId === 'ls-math' ? 'Mathématiques' : s.streamSubjectId === 'ss-phys' ? 'Physique' : 'Unknown');
  return {
    classes: classes.map((c) => ({ id: c.id, name: c.name, isActive: c.isActive, timezone: zone(c),
      memberCount: members.filter((m) => m.classId === c.id && m.isActive).length, defaultHourlyRate: null })),
    timeSlots: slots.map((s) => ({ id: s.id, classId: s.classId, subject: subjectOf(s), dayOfWeek: s.dayOfWeek, startTime: s.startTime, endTime: s.endTime, isActive: s.isActive })),
    slotCancellations: cancellations.map(({ createdBy, ...c }) => c),
    tutorAssignments: assignments,
    tutors: profiles.map((p) => ({ id: p.userId, hourlyRate: p.hourlyRate, availability: availability.filter((a) => a.tutorId === p.userId) })),
    existingSessions: existing,
  };
}

let pool, prisma, queries = [];
const notified = [];

async function insert(client, table, rows) {
  for (const row of rows) {
    const cols = Object.keys(row);
    const values = cols.map((k) => (row[k] !== null && typeof row[k] === 'object' && !(row[k] instanceof Date) ? JSON.stringify(row[k]) : row[k]));
    const casts = cols.map((k, i) => `$${i + 1}${k === 'recurrencePattern' ? '::"RecurrencePattern"' : k === 'status' && table === 'class_tutor_assignments' ? '::"AssignmentStatus"' : k === 'status' ? '::"SessionStatus"' : ''}`);
    await client.query(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${casts.join(', ')})`, values);
  }
}

before(async () => {
  pool = new pg.Pool({ connectionString: URL, max: 2 });
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA "${SCHEMA}"`);
    await client.query(`SET search_path TO "${SCHEMA}"`);
    await client.query(readText(join(repoRoot, 'tests/sql/postgres.sql')));
    await insert(client, 'countries', countries);
    await insert(client, 'users', users);
    await insert(client, 'subjects', subjects);
    await insert(client, 'level_subjects', [{ id: 'ls-math', subjectId: 'sub-math' }]);
    await insert(client, 'stream_subjects', [{ id: 'ss-phys', subjectId: 'sub-phys' }]);
    await insert(client, 'classes', classes.map((c) => ({ ...c, updatedAt: NOW })));
    await insert(client, 'class_time_slots', slots.map((s) => ({ ...s, updatedAt: NOW })));
    await insert(client, 'class_slot_cancellations', cancellations);
    await insert(client, 'class_tutor_assignments', assignments.map((a) => ({ ...a, updatedAt: NOW })));
    await insert(client, 'class_members', members);
    await insert(client, 'tutor_profiles', profiles);
    await insert(client, 'tutor_availability', availability);
    await insert(client, 'tutoring_sessions', existing);
  } finally {
    client.release();
  }
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: URL, options: `-c search_path=${SCHEMA}` }, { schema: SCHEMA }), log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (e) => queries.push(e.query));
});

after(async () => {
  await prisma?.$disconnect();
  await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await pool.end();
});

const generator = () => createSessionGenerator(prisma, { now: () => NOW, onSessionsCreated: (sessions, classId) => { notified.push({ classId, count: sessions.length }); } });
/** A session row or plan entry as comparable data. */
const key = (s) => JSON.stringify([s.classId, s.subject, new Date(s.scheduledStart).toISOString(), new Date(s.scheduledEnd).toISOString(), s.tutorId, s.status, typeof s.price === 'string' ? s.price : s.price.toFixed(2)]);
const rowsOf = async (classId) => prisma.tutoringSession.findMany({ where: { classId }, orderBy: [{ scheduledStart: 'asc' }, { subject: 'asc' }] });

test('generateSessionsForClass writes exactly the create list of plan for the same rows, with a fixed number of queries', async (t) => {
  const expected = addon.plan(seededSnapshot(), { now: NOW, weeks: WEEKS }).create.filter((c) => c.classId === 'c1');
  assert.ok(expected.length >= 8, 'the class has sessions to create');
  queries = [];
  const created = await generator().generateSessionsForClass('c1', WEEKS);
  const perClass = queries.length;
  t.diagnostic(`queries for one generateSessionsForClass (${created.length} sessions): ${perClass}`);
  if (process.env.SHOW_QUERIES) console.log(queries.join('\n'));
  assert.deepEqual(created.map(key).sort(), expected.map(key).sort());
  const stored = (await rowsOf('c1')).filter((r) => !existing.some((e) => e.id === r.id));
  assert.deepEqual(stored.map(key).sort(), expected.map(key).sort());
  assert.deepEqual(notified.at(-1), { classId: 'c1', count: expected.length });
  // The same number of queries for a class with other slots and sessions: never one per session.
  queries = [];
  const c2 = await generator().generateSessionsForClass('c2', 12);
  assert.ok(c2.length > created.length);
  t.diagnostic(`queries for one generateSessionsForClass (${c2.length} sessions): ${queries.length}`);
  assert.equal(queries.length, perClass, `c2 (${c2.length} sessions) took ${queries.length} queries`);
  assert.ok(perClass <= 20, `${perClass} queries`);
});

test('a second call writes nothing', async () => {
  const before = (await rowsOf('c1')).length;
  assert.deepEqual(await generator().generateSessionsForClass('c1', WEEKS), []);
  assert.equal((await rowsOf('c1')).length, before);
  assert.deepEqual(await generator().generateSessionsForTimeSlot('s1', WEEKS), []);
});

test('unknown ids reject with an Error whose code is NOT_FOUND', async () => {
  const g = generator();
  const notFound = (e) => e instanceof Error && e.code === 'NOT_FOUND';
  await assert.rejects(g.generateSessionsForClass('nope', WEEKS), notFound);
  await assert.rejects(g.generateSessionsForTimeSlot('nope', WEEKS), notFound);
  await assert.rejects(g.cancelFutureSessionsForTimeSlot('nope'), notFound);
  await assert.rejects(g.fillSessionGaps('nope', NOW, new Date('2026-04-01T00:00:00Z')), notFound);
  await assert.rejects(g.checkSessionsExist('nope', NOW), notFound);
  await assert.rejects(g.recalculatePricesForTutor('nope', 10), notFound);
});

test('a database error rolls the class back and rejects; maintainSessionWindow goes on with the other classes', async () => {
  // t-rich's 4-hour sessions cost more than DECIMAL(10,2) holds: the insert fails.
  await assert.rejects(generator().generateSessionsForClass('c3', WEEKS), (e) => e instanceof Error);
  assert.equal((await rowsOf('c3')).length, 0, 'nothing of c3 was written, not even its cheap slot s8');
  const result = await generator().maintainSessionWindow();
  assert.deepEqual(result.errors.map((e) => [e.classId, e.code]), [['c3', 'DATABASE']]);
  assert.equal(result.classesProcessed, 3);
  assert.equal((await rowsOf('c3')).length, 0);
  assert.ok(result.sessionsGenerated >= 0 && result.duration >= 0);
  assert.deepEqual(await generator().maintainSessionWindow().then((r) => r.sessionsGenerated), 0);
});

test('the other services: time slot, gaps, week check, cascades, repricing, stats', async () => {
  const g = generator();
  assert.deepEqual(await g.generateSessionsForTimeSlot('s4', WEEKS), [], 'inactive slot');
  const later = new Date('2026-07-06T00:00:00.000Z'); // after the 12 weeks c2 was planned for
  const forSlot = await g.generateSessionsForTimeSlot('s6', 2, later);
  assert.deepEqual(forSlot.map((s) => s.subject), ['Physique', 'Physique']);
  assert.equal(await g.checkSessionsExist('c2', new Date('2026-07-06T00:00:00+02:00')), true);
  assert.equal(await g.checkSessionsExist('c2', new Date('2026-09-28T00:00:00+02:00')), false);
  const gaps = await g.fillSessionGaps('c2', new Date('2026-08-01T00:00:00Z'), new Date('2026-08-10T00:00:00Z'));
  assert.ok(gaps.length > 0 && gaps.every((s) => s.scheduledStart >= new Date('2026-08-01T00:00:00Z') && s.scheduledStart < new Date('2026-08-10T00:00:00Z')));
  assert.deepEqual(await g.fillSessionGaps('c2', new Date('2026-08-01T00:00:00Z'), new Date('2026-08-10T00:00:00Z')), []);
  // Repricing: t2's future PENDING sessions (none: t2's sessions are CONFIRMED) → 0; t1 has none pending either.
  assert.equal(await g.recalculatePricesForTutor('t2', 4000), 0);
  await prisma.tutoringSession.updateMany({ where: { tutorId: 't2', classId: 'c1' }, data: { status: 'PENDING' } });
  const t2Pending = await prisma.tutoringSession.count({ where: { tutorId: 't2', status: 'PENDING', scheduledStart: { gte: NOW } } });
  assert.ok(t2Pending > 0);
  assert.equal(await g.recalculatePricesForTutor('t2', 4000), t2Pending);
  const repriced = await prisma.tutoringSession.findMany({ where: { tutorId: 't2', subject: 'Mathématiques' } });
  assert.ok(repriced.every((s) => s.price.toString() === '24000'), repriced.map((s) => s.price.toString()).join());
  // Cascade: deactivating s1 cancels its future PENDING/CONFIRMED sessions.
  const s1Future = (await rowsOf('c1')).filter((r) => r.subject === 'Mathématiques' && r.scheduledStart >= NOW && r.status !== 'CANCELLED');
  assert.equal(await g.cancelFutureSessionsForTimeSlot('s1', 'Créneau supprimé'), s1Future.length);
  const cancelled = await prisma.tutoringSession.findMany({ where: { id: { in: s1Future.map((r) => r.id) } } });
  assert.ok(cancelled.every((r) => r.status === 'CANCELLED' && r.cancellationReason === 'Créneau supprimé'));
  assert.equal(await g.cancelFutureSessionsForTimeSlot('s1'), 0);
  const stats = await g.getMaintenanceStats();
  assert.equal(stats.activeClasses, 3);
  assert.equal(stats.classesWithTimeSlots, 3);
  assert.ok(stats.upcomingSessions > 0);
});
