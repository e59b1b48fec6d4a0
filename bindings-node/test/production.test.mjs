// The drop-in as two API instances and a cron'd CLI use it, on the real PostgreSQL: advisory
// locks shared with the CLI, lock timeouts, data problems reaching the caller, callbacks
// failing after the commit, money parameters, the exported snapshot loader, and the batched
// daily job equal to one batch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import pg from 'pg';
import { addon, cliPath } from './support.mjs';
import { basics, dropIn, schema, SUBJECT_OF, URL } from './db.mjs';

const require = createRequire(import.meta.url);
const Decimal = require('decimal.js');
const { createSessionGenerator, loadSnapshot, LockTimeoutError, SessionDataError, CallbackError, CLASS_LOCK_SQL } = dropIn;

const NOW = new Date('2026-10-12T00:00:00.000Z'); // Paris leaves summer time on 2026-10-25
const T = (s) => new Date(s);

let db;
before(async () => {
  db = await schema('prod');
  await basics(db, ['t1', 't2', 't3', 't4'].map((id) => ({ id, countryCode: 'CM', firstName: `First ${id}`, lastName: `Last ${id}` })));
  await db.insert('tutor_profiles', [
    { id: 'p1', userId: 't1', hourlyRate: '5000.50' }, { id: 'p2', userId: 't2', hourlyRate: '3000.00' },
    { id: 'p3', userId: 't3', hourlyRate: '45.25' }, { id: 'p4', userId: 't4', hourlyRate: '10.00' },
  ]);
});
after(async () => db?.drop());

/** Adds a class with its slots ([levelSubjectId, day, start, end]) and assignments. */
async function addClass(id, creator, slots, assignments = [], members = 0) {
  await db.insert('classes', [{ id, name: id, createdBy: creator, isActive: true, updatedAt: NOW }]);
  await db.insert('class_time_slots', slots.map(([ls, day, start, end], i) => ({
    id: `${id}-s${i}`, classId: id, levelSubjectId: ls, dayOfWeek: day, startTime: start, endTime: end, isActive: true, updatedAt: NOW,
  })));
  if (assignments.length) {
    await db.insert('class_tutor_assignments', assignments.map((a, i) => ({
      id: `${id}-a${i}`, classId: id, timeSlotId: a.slot === null ? null : `${id}-s${a.slot ?? 0}`, subject: a.subject ?? SUBJECT_OF[slots[a.slot ?? 0][0]],
      tutorId: a.tutor, recurrencePattern: a.pattern ?? 'ROUND_ROBIN', recurrenceConfig: a.config ?? null,
      status: 'ACCEPTED', isActive: true, createdAt: T(a.createdAt ?? '2026-09-01T08:00:00Z'), updatedAt: NOW,
    })));
  }
  for (let m = 0; m < members; m++) {
    await db.insert('users', [{ id: `${id}-student${m}`, countryCode: 'CM', firstName: null, lastName: null }]);
    await db.insert('class_members', [{ id: `${id}-m${m}`, classId: id, studentId: `${id}-student${m}`, isActive: true }]);
  }
}

const duplicates = async () =>
  (await db.sql(`SELECT "classId", subject, "scheduledStart", count(*)::int AS n FROM tutoring_sessions GROUP BY 1, 2, 3 HAVING count(*) > 1`)).rows;
const countOf = async (classId) => (await db.sql(`SELECT count(*)::int AS n FROM tutoring_sessions WHERE "classId" = $1`, [classId])).rows[0].n;

/** Runs the CLI; resolves with { code, stdout, stderr }. */
function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cliPath(), args, { env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('8 concurrent calls over 2 classes on two clients, with a genova-sessions maintain at the same time, write every session once', async () => {
  await addClass('race1', 'u-cm', [['ls-math', 1, '14:00', '16:00'], ['ls-phys', 3, '09:00', '10:30'], ['ls-chem', 5, '22:00', '01:00']],
    [{ tutor: 't1' }, { tutor: 't2' }, { slot: 1, tutor: 't3' }]);
  await addClass('race2', 'u-fr', [['ls-math', 0, '02:30', '04:00'], ['ls-phys', 2, '18:00', '19:00']], [{ tutor: 't4', pattern: 'CONSECUTIVE_DAYS', config: { consecutiveDays: 2 } }]);
  const instances = [db.prisma(), db.prisma()].map((p) => createSessionGenerator(p, { now: () => NOW }));
  const calls = [
    (g) => g.generateSessionsForClass('race1', 4), (g) => g.generateSessionsForClass('race2', 4),
    (g) => g.generateSessionsForTimeSlot('race1-s0', 4), (g) => g.generateSessionsForTimeSlot('race2-s1', 4),
    (g) => g.fillSessionGaps('race1', NOW, new Date(NOW.getTime() + 28 * 86_400_000)), (g) => g.maintainSessionWindow(),
    (g) => g.generateSessionsForClass('race1', 4), (g) => g.generateSessionsForClass('race2', 4),
  ];
  const cliRun = cli(['maintain', '--database-url', db.cliUrl, '--now', NOW.toISOString(), '--weeks', '4', '--format', 'json']);
  const results = await Promise.all([...calls.map((call, i) => call(instances[i % 2])), cliRun]);
  const run = results.at(-1);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(await duplicates(), []);
  // Every planned session exists exactly once, whoever wrote it.
  assert.equal(await countOf('race1'), 4 * 3);
  assert.equal(await countOf('race2'), 4 * 2);
});

test('a class lock held too long: the CLI key, a LockTimeoutError after lockTimeout, nothing written; then the call goes through', async () => {
  await addClass('locked', 'u-cm', [['ls-math', 1, '08:00', '09:00']]);
  const holder = new pg.Client({ connectionString: URL });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    // The key exactly as the CLI computes it (cli/src/db/sql.rs), taken by "another writer".
    await holder.query(CLASS_LOCK_SQL, [['locked']]);
    const g = createSessionGenerator(db.prisma(), { now: () => NOW, lockTimeout: 300 });
    await assert.rejects(g.generateSessionsForClass('locked', 4), (e) => {
      assert.ok(e instanceof LockTimeoutError);
      assert.equal(e.code, 'LOCK_TIMEOUT');
      assert.deepEqual(e.classIds, ['locked']);
      assert.match(e.message, /another writer held the lock on class locked for more than 300 ms/);
      return true;
    });
    await assert.rejects(g.cancelFutureSessionsForTimeSlot('locked-s0'), { code: 'LOCK_TIMEOUT' });
    const m = await g.maintainSessionWindow();
    assert.ok(m.errors.some((e) => e.classId === 'locked' && e.code === 'LOCK_TIMEOUT'), JSON.stringify(m.errors));
    assert.equal(await countOf('locked'), 0);
    // The CLI waits for the same key: it stops on its own --lock-timeout.
    const run = await cli(['maintain', '--database-url', db.cliUrl, '--now', NOW.toISOString(), '--lock-timeout', '300ms']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /lock/);
    assert.equal(await countOf('locked'), 0);
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  const g = createSessionGenerator(db.prisma(), { now: () => NOW, lockTimeout: 300 });
  assert.equal((await g.generateSessionsForClass('locked', 4)).length, 4);
});

test('problems in the data: an unknown zone and an invalid slot reject with SessionDataError and write nothing; a malformed config reaches onPlanProblems', async () => {
  await addClass('mars', 'u-xx', [['ls-math', 1, '08:00', '09:00']]);
  await addClass('badslot', 'u-cm', [['ls-math', 1, '08:00', '09:00'], ['ls-phys', 2, '9:5', '10:00']]);
  await addClass('badconfig', 'u-cm', [['ls-math', 4, '08:00', '09:00']], [{ tutor: 't1', pattern: 'WEEKLY', config: { weeks: 'odd' } }, { tutor: 't2', pattern: 'ROUND_ROBIN', createdAt: '2026-09-02T00:00:00Z' }]);
  const problems = [];
  const g = createSessionGenerator(db.prisma(), { now: () => NOW, onPlanProblems: (p) => problems.push(p) });

  await assert.rejects(g.generateSessionsForClass('mars', 4), (e) => {
    assert.ok(e instanceof SessionDataError);
    assert.equal(e.code, 'UNKNOWN_TIMEZONE');
    assert.equal(e.classId, 'mars');
    assert.deepEqual(e.errors.map((x) => [x.code, x.classId, x.timeSlotId]), [['UNKNOWN_TIMEZONE', 'mars', null]]);
    assert.match(e.message, /Mars\/Olympus/);
    return true;
  });
  await assert.rejects(g.generateSessionsForClass('badslot', 4), (e) => {
    assert.ok(e instanceof SessionDataError);
    assert.equal(e.code, 'INVALID_SLOT');
    assert.deepEqual(e.errors.map((x) => [x.code, x.timeSlotId]), [['INVALID_SLOT', 'badslot-s1']]);
    assert.match(e.message, /nothing was written/);
    return true;
  });
  await assert.rejects(g.fillSessionGaps('badslot', NOW, new Date('2026-10-30T00:00:00Z')), { code: 'INVALID_SLOT' });
  assert.equal(await countOf('mars') + await countOf('badslot'), 0);
  // The valid slot alone can be generated: its plan holds no error.
  assert.equal((await g.generateSessionsForTimeSlot('badslot-s0', 4)).length, 4);
  await assert.rejects(g.generateSessionsForTimeSlot('badslot-s1', 4), { code: 'INVALID_SLOT' });

  const created = await g.generateSessionsForClass('badconfig', 4);
  assert.equal(created.length, 4);
  assert.ok(created.every((s) => s.tutorId === 't2'), 'the malformed WEEKLY claims nothing');
  const last = problems.at(-1);
  assert.equal(last.operation, 'generateSessionsForClass');
  assert.deepEqual(last.classIds, ['badconfig']);
  assert.deepEqual(last.warnings.map((w) => [w.code, w.assignmentId]), [['INVALID_RECURRENCE_CONFIG', 'badconfig-a0']]);

  // The daily job: listed per class with the plan's code; warnings in the result.
  const m = await g.maintainSessionWindow();
  const codes = Object.fromEntries(m.errors.map((e) => [e.classId, e.code]));
  assert.equal(codes.mars, 'UNKNOWN_TIMEZONE');
  assert.equal(codes.badslot, 'INVALID_SLOT');
  assert.ok(m.warnings.some((w) => w.code === 'INVALID_RECURRENCE_CONFIG' && w.assignmentId === 'badconfig-a0'));
  const daily = problems.at(-1);
  assert.equal(daily.operation, 'maintainSessionWindow');
  assert.ok(daily.errors.some((e) => e.classId === 'mars' && e.code === 'UNKNOWN_TIMEZONE'));
});

test('onSessionsCreated failing after the commit: the call resolves with the rows, the failure goes to onCallbackError (or a process warning)', async () => {
  await addClass('notify', 'u-cm', [['ls-math', 2, '08:00', '09:00']], [{ tutor: 't3' }]);
  const failures = [];
  const g = createSessionGenerator(db.prisma(), {
    now: () => NOW,
    onSessionsCreated: async () => { throw new Error('notification service down'); },
    onCallbackError: (error, failure) => failures.push({ error, failure }),
  });
  const rows = await g.generateSessionsForTimeSlot('notify-s0', 2);
  assert.equal(rows.length, 2);
  assert.equal(await countOf('notify'), 2, 'committed');
  assert.equal(failures.length, 1);
  assert.equal(failures[0].error.message, 'notification service down');
  assert.equal(failures[0].failure.callback, 'onSessionsCreated');
  assert.equal(failures[0].failure.classId, 'notify');
  assert.deepEqual(failures[0].failure.sessions.map((s) => s.id).sort(), rows.map((s) => s.id).sort());

  // Without onCallbackError: a CallbackError as a process warning, never a rejection.
  const warned = new Promise((resolve) => process.once('warning', resolve));
  const plain = createSessionGenerator(db.prisma(), { now: () => NOW, onSessionsCreated: () => { throw new Error('boom'); } });
  assert.equal((await plain.generateSessionsForClass('notify', 4)).length, 2);
  const warning = await warned;
  assert.ok(warning instanceof CallbackError);
  assert.equal(warning.code, 'CALLBACK_FAILED');
  assert.match(warning.message, /onSessionsCreated failed for class notify after 2 session\(s\) were committed: boom/);
});

test('recalculatePricesForTutor takes a Decimal, a decimal string or a number, read exactly; a bad rate is INVALID_FIELD', async () => {
  await addClass('money', 'u-cm', [['ls-math', 3, '10:00', '11:30']], [{ tutor: 't4' }], 3);
  await db.sql(`UPDATE tutor_profiles SET "hourlyRate" = 0 WHERE "userId" = 't4'`);
  const g = createSessionGenerator(db.prisma(), { now: () => NOW });
  assert.equal((await g.generateSessionsForClass('money', 2)).length, 2);
  await db.sql(`UPDATE tutoring_sessions SET status = 'PENDING' WHERE "classId" = 'money'`);
  const prices = async () => (await db.sql(`SELECT price::text FROM tutoring_sessions WHERE "classId" = 'money'`)).rows.map((r) => r.price);
  // 1.5 h × 3 members × rate: 4000.1 × 4.5 = 18000.45 exactly (a float would give 18000.449999…).
  assert.equal(await g.recalculatePricesForTutor('t4', 4000.1), 2);
  assert.deepEqual(await prices(), ['18000.45', '18000.45']);
  assert.equal(await g.recalculatePricesForTutor('t4', '4000.10'), 0, 'same price: nothing to update');
  assert.equal(await g.recalculatePricesForTutor('t4', new Decimal('1000.01')), 2);
  assert.deepEqual(await prices(), ['4500.05', '4500.05']);
  for (const bad of ['12,50', '1e3', Number.NaN]) {
    await assert.rejects(g.recalculatePricesForTutor('t4', bad), (e) => e.code === 'INVALID_FIELD' && /hourlyRate/.test(e.message), String(bad));
  }
  assert.deepEqual(await prices(), ['4500.05', '4500.05']);
});

test('loadSnapshot gives plan the platform rows: the plan of its snapshot is what generateSessionsForClass writes', async () => {
  await addClass('load', 'u-fr', [['ls-math', 6, '10:00', '12:00'], ['ls-phys', 0, '02:30', '03:30']], [{ tutor: 't1' }, { tutor: 't3', createdAt: '2026-09-05T00:00:00Z' }, { slot: null, subject: 'Physique', tutor: 't2' }], 2);
  const prisma = db.prisma();
  const snapshot = await loadSnapshot(prisma, { classIds: ['load'], from: NOW, to: new Date(NOW.getTime() + 6 * 7 * 86_400_000) });
  assert.deepEqual(snapshot.classes.map((c) => [c.id, c.timezone, c.memberCount, c.defaultHourlyRate]), [['load', 'Europe/Paris', 2, null]]);
  assert.deepEqual(snapshot.timeSlots.map((s) => [s.id, s.subject]).sort(), [['load-s0', 'Mathématiques'], ['load-s1', 'Physique']]);
  assert.deepEqual(snapshot.tutors.map((t) => [t.id, String(t.hourlyRate)]).sort(), [['t1', '5000.5'], ['t2', '3000'], ['t3', '45.25']]);
  const plan = await addon.planAsync(snapshot, { now: NOW, weeks: 6 });
  const written = await createSessionGenerator(prisma, { now: () => NOW }).generateSessionsForClass('load', 6);
  const key = (s) => [s.subject, new Date(s.scheduledStart).toISOString(), s.tutorId, String(s.price === undefined ? '' : s.price)].join('|');
  assert.deepEqual(written.map((s) => key({ ...s, price: Number(s.price).toFixed(2) })).sort(), plan.create.map(key).sort());
});

/** A small platform for the batching test: tutors shared by classes whose slots overlap across batches. */
async function seedMaintenance(target) {
  await basics(target, ['t1', 't2', 't3'].map((id) => ({ id, countryCode: 'CM', firstName: null, lastName: null })));
  await target.insert('tutor_profiles', [{ id: 'p1', userId: 't1', hourlyRate: '100.00' }, { id: 'p2', userId: 't2', hourlyRate: '99999999.99' }, { id: 'p3', userId: 't3', hourlyRate: '20.00' }]);
  const classes = [];
  for (let i = 0; i < 9; i++) {
    const id = `m${i}`;
    const creator = i === 4 ? 'u-xx' : ['u-cm', 'u-fr', 'u-us'][i % 3];
    classes.push({ id, name: id, createdBy: creator, isActive: i !== 7, updatedAt: NOW });
  }
  await target.insert('classes', classes);
  const slots = [];
  const assignments = [];
  for (const c of classes) {
    const i = Number(c.id.slice(1));
    slots.push({ id: `${c.id}-a`, classId: c.id, levelSubjectId: 'ls-math', dayOfWeek: 1 + (i % 2), startTime: '10:00', endTime: '11:30', isActive: true, updatedAt: NOW });
    slots.push({ id: `${c.id}-b`, classId: c.id, levelSubjectId: 'ls-phys', dayOfWeek: 4, startTime: i === 5 ? '25:00' : '16:00', endTime: '17:00', isActive: true, updatedAt: NOW });
    assignments.push({ id: `${c.id}-x`, classId: c.id, timeSlotId: `${c.id}-a`, subject: 'Mathématiques', tutorId: i === 6 ? 't2' : 't1', recurrencePattern: 'ROUND_ROBIN', recurrenceConfig: null, status: 'ACCEPTED', isActive: true, createdAt: T('2026-09-01T00:00:00Z'), updatedAt: NOW });
    assignments.push({ id: `${c.id}-y`, classId: c.id, timeSlotId: null, subject: 'Physique', tutorId: 't3', recurrencePattern: i === 2 ? 'WEEKLY' : 'ROUND_ROBIN', recurrenceConfig: i === 2 ? { every: 2 } : null, status: 'ACCEPTED', isActive: true, createdAt: T('2026-09-01T00:00:00Z'), updatedAt: NOW });
  }
  await target.insert('class_time_slots', slots);
  await target.insert('class_tutor_assignments', assignments);
}

test('maintainSessionWindow in batches of 2 gives what one batch gives: rows, counts, errors and cross-batch double bookings', async () => {
  const results = [];
  for (const batchSize of [2, 500]) {
    const target = await schema(`maint${batchSize}`);
    try {
      await seedMaintenance(target);
      const r = await createSessionGenerator(target.prisma(), { now: () => NOW, batchSize }).maintainSessionWindow();
      const rows = (await target.sql(`SELECT "classId", "tutorId", subject, "scheduledStart", "scheduledEnd", price::text, status FROM tutoring_sessions`)).rows
        .map((x) => JSON.stringify({ ...x, scheduledStart: x.scheduledStart.toISOString(), scheduledEnd: x.scheduledEnd.toISOString() })).sort();
      results.push({ r, rows });
    } finally {
      await target.drop();
    }
  }
  const [small, whole] = results;
  assert.ok(whole.rows.length > 20);
  assert.deepEqual(small.rows, whole.rows);
  assert.equal(small.r.classesProcessed, whole.r.classesProcessed);
  assert.equal(small.r.sessionsGenerated, whole.r.sessionsGenerated);
  const errors = (r) => r.errors.map((e) => [e.classId, e.code]);
  assert.deepEqual(errors(small.r), errors(whole.r));
  assert.deepEqual(errors(whole.r), [['m4', 'UNKNOWN_TIMEZONE'], ['m5', 'INVALID_SLOT'], ['m6', 'DATABASE']]);
  const warnings = (r) => r.warnings.map(({ message, ...w }) => JSON.stringify(w)).sort();
  assert.deepEqual(warnings(small.r), warnings(whole.r));
  // t1 teaches m2 and m8 (New York, Mondays) at the same time, in batches 2 and 4 of 2, and
  // m1 (Paris) overlapping m3 (Douala) on Tuesdays, in batches 1 and 2: every side is warned,
  // as in the whole plan.
  const doubled = whole.r.warnings.filter((w) => w.code === 'TUTOR_DOUBLE_BOOKED' && w.tutorId === 't1').map((w) => w.classId).sort();
  assert.deepEqual(doubled, ['m1', 'm2', 'm3', 'm8']);
  assert.ok(whole.r.warnings.some((w) => w.code === 'INVALID_RECURRENCE_CONFIG' && w.assignmentId === 'm2-y'));
});

test('legacyTimezone: nothing is created beside a row the old generator stored at server time, and the row is not moved', async () => {
  // Douala (UTC+1), Monday 14:00–15:00: the old generator on a UTC server stored 14:00Z–15:00Z
  // instead of 13:00Z–14:00Z, which no longer overlaps the right range.
  await addClass('legacy', 'u-cm', [['ls-math', 1, '14:00', '15:00']], [{ tutor: 't1' }]);
  const old = { id: 'legacy-old', classId: 'legacy', tutorId: 't1', subject: 'Mathématiques', scheduledStart: T('2026-10-19T14:00:00Z'),
    scheduledEnd: T('2026-10-19T15:00:00Z'), price: '5000.50', status: 'CONFIRMED', cancellationReason: null };
  await db.insert('tutoring_sessions', [old]);
  const withLegacy = createSessionGenerator(db.prisma(), { now: () => NOW, legacyTimezone: 'UTC' });
  const created = await withLegacy.generateSessionsForClass('legacy', 3);
  assert.deepEqual(created.map((s) => s.scheduledStart.toISOString()).sort(), ['2026-10-12T13:00:00.000Z', '2026-10-26T13:00:00.000Z']);
  const stored = (await db.sql(`SELECT id, "scheduledStart" FROM tutoring_sessions WHERE "classId" = 'legacy' ORDER BY "scheduledStart"`)).rows;
  assert.equal(stored.length, 3);
  assert.deepEqual(stored.find((r) => r.id === 'legacy-old').scheduledStart.toISOString(), '2026-10-19T14:00:00.000Z', 'never moved');
  // Without the option the same call would put a second session one hour before the old row.
  const snapshot = await loadSnapshot(db.prisma(), { classIds: ['legacy'], from: NOW, to: new Date(NOW.getTime() + 3 * 7 * 86_400_000) });
  const plain = addon.plan(snapshot, { now: NOW, weeks: 3 });
  assert.deepEqual(plain.create.map((c) => c.scheduledStart), ['2026-10-19T13:00:00.000Z']);
});

/** Classes whose tutor t1 is double-booked across batches: planned on both sides, and a stored session on one side. */
async function seedDoubleBookings(target) {
  await basics(target, ['t1'].map((id) => ({ id, countryCode: 'CM', firstName: null, lastName: null })));
  await target.insert('tutor_profiles', [{ id: 'p1', userId: 't1', hourlyRate: '100.00' }]);
  await target.insert('subjects', [{ id: 'sub-odd', name: 'Arts "plastiques", {2} \\ NULL é' }]);
  await target.insert('level_subjects', [{ id: 'ls-odd', subjectId: 'sub-odd' }]);
  // [levelSubjectId, day, start, end, tutor]: all in Douala.
  const classes = {
    d0: ['ls-math', 1, '10:00', '11:00', 't1'],
    d1: ['ls-math', 3, '10:00', '11:00', 't1'], // only its first week is not cancelled, and it is stored already
    d2: ['ls-odd', 5, '10:00', '11:00', null], // a subject the insert's array literal must escape
    d3: ['ls-phys', 1, '10:30', '11:30', 't1'], // overlaps d0
    d4: ['ls-phys', 3, '10:30', '11:30', 't1'], // overlaps d1's stored session only
    d5: ['ls-chem', 1, '10:15', '10:45', 't1'], // overlaps d0 and d3
  };
  // 150 classes without slots between d0 and d1: in one batch of 500, d0 and the others are
  // read and planned in different chunks of the same transaction.
  const fillers = Array.from({ length: 150 }, (_, i) => `d0f${String(i).padStart(3, '0')}`);
  await target.insert('classes', [...Object.keys(classes), ...fillers].map((id) => ({ id, name: id, createdBy: 'u-cm', isActive: true, updatedAt: NOW })));
  await target.insert('class_time_slots', Object.entries(classes).map(([id, [ls, day, start, end]]) => ({
    id: `${id}-s`, classId: id, levelSubjectId: ls, dayOfWeek: day, startTime: start, endTime: end, isActive: true, updatedAt: NOW,
  })));
  await target.insert('class_tutor_assignments', Object.entries(classes).filter(([, c]) => c[4]).map(([id, [ls, , , , tutor]]) => ({
    id: `${id}-a`, classId: id, timeSlotId: `${id}-s`, subject: SUBJECT_OF[ls], tutorId: tutor, recurrencePattern: 'ROUND_ROBIN',
    recurrenceConfig: null, status: 'ACCEPTED', isActive: true, createdAt: T('2026-09-01T00:00:00Z'), updatedAt: NOW,
  })));
  await target.insert('class_slot_cancellations', ['2026-10-19', '2026-10-26', '2026-11-02'].map((week, i) => ({
    id: `d1-c${i}`, timeSlotId: 'd1-s', weekStart: T(`${week}T00:00:00Z`), reason: null, createdBy: 'u-cm',
  })));
  return [...Object.keys(classes), ...fillers];
}

async function storeD1(target) {
  await target.insert('tutoring_sessions', [{
    id: 'd1-stored', classId: 'd1', tutorId: 't1', subject: 'Mathématiques', scheduledStart: T('2026-10-14T09:00:00Z'),
    scheduledEnd: T('2026-10-14T10:00:00Z'), price: '0.00', status: 'CONFIRMED', cancellationReason: null, createdAt: T('2026-09-01T00:00:00Z'),
  }]);
}

test('maintainSessionWindow in batches of 1, 2, 4 and 500 equals one plan of every class: both planned sides of a double booking warned, a stored side not', async () => {
  const key = (s) => JSON.stringify([s.classId, s.tutorId, s.subject, new Date(s.scheduledStart).toISOString(), new Date(s.scheduledEnd).toISOString(), s.status]);
  let reference;
  for (const batchSize of [1, 2, 4, 500]) {
    const target = await schema(`double${batchSize}`);
    try {
      const classIds = await seedDoubleBookings(target);
      await storeD1(target);
      const prisma = target.prisma();
      if (!reference) {
        // The unbatched truth: the core's plan of every class from the rows as they stand.
        const snapshot = await loadSnapshot(prisma, { classIds, from: NOW, to: new Date(NOW.getTime() + 4 * 7 * 86_400_000) });
        reference = addon.plan(snapshot, { now: NOW, weeks: 4 });
        const doubled = reference.warnings.filter((w) => w.code === 'TUTOR_DOUBLE_BOOKED').map((w) => w.classId);
        assert.deepEqual(doubled, ['d0', 'd3', 'd4', 'd5'], 'the seed holds what the test is about');
      }
      const r = await createSessionGenerator(prisma, { now: () => NOW, batchSize }).maintainSessionWindow();
      assert.equal(r.classesProcessed, reference.summary.classesProcessed, `batchSize ${batchSize}`);
      assert.equal(r.sessionsGenerated, reference.create.length, `batchSize ${batchSize}`);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.warnings, reference.warnings, `batchSize ${batchSize}: the same warnings, in the core's order`);
      const rows = (await target.sql(`SELECT * FROM tutoring_sessions WHERE id <> 'd1-stored'`)).rows.map(key).sort();
      assert.deepEqual(rows, reference.create.map(key).sort(), `batchSize ${batchSize}`);
    } finally {
      await target.drop();
    }
  }
});
