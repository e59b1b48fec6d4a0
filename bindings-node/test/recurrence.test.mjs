// The recurrence-pattern service on the real PostgreSQL: for random classes (zones with and
// without DST, all four patterns, subject-level assignments, dates, cancelled weeks), the
// preview's tutors are the tutors generateSessionsForClass then writes, getNextTutor and
// applyPattern agree with them, and proposed unsaved assignments preview what saving them gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { basics, dropIn, schema, SUBJECT_OF } from './db.mjs';

const { createSessionGenerator, createRecurrencePatternService, NotFoundError } = dropIn;
const NOW = new Date('2026-10-19T09:30:00.000Z'); // Europe leaves summer time on 10-25, New York on 11-01
const WEEKS = 8;
const TUTORS = ['t1', 't2', 't3', 't4', 't5'];
const ZONES = { 'u-cm': 'Africa/Douala', 'u-fr': 'Europe/Paris', 'u-us': 'America/New_York' };

/** mulberry32: the same random classes on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');

/** Rows of `count` random classes. */
function randomClasses(rand, count, prefix) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const out = { classes: [], slots: [], assignments: [], cancellations: [] };
  for (let c = 0; c < count; c++) {
    const id = `${prefix}${c}`;
    out.classes.push({ id, name: id, createdBy: pick(Object.keys(ZONES)), isActive: true, updatedAt: NOW });
    const days = [0, 1, 2, 3, 4, 5, 6].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 3));
    const slots = days.map((day, i) => {
      const start = Math.floor(rand() * 24) * 60 + pick([0, 15, 30, 45]);
      const end = (start + pick([45, 60, 90, 120, 180])) % 1440;
      const hm = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
      return { id: `${id}-s${i}`, classId: id, levelSubjectId: pick(Object.keys(SUBJECT_OF)), dayOfWeek: day, startTime: hm(start), endTime: hm(end), isActive: true, updatedAt: NOW };
    });
    out.slots.push(...slots);
    const n = 1 + Math.floor(rand() * 4);
    for (let a = 0; a < n; a++) {
      const slot = pick(slots);
      const pattern = pick(['ROUND_ROBIN', 'ROUND_ROBIN', 'CONSECUTIVE_DAYS', 'WEEKLY', 'MANUAL']);
      const config = pattern === 'CONSECUTIVE_DAYS' ? { consecutiveDays: 1 + Math.floor(rand() * 3) }
        : pattern === 'WEEKLY' ? (rand() < 0.5 ? { weeks: [1 + Math.floor(rand() * 6), 2 + Math.floor(rand() * 8)] } : { pattern: 'alternating', startWeek: 1 + Math.floor(rand() * 2) })
        : null;
      const createdAt = new Date(NOW.getTime() - Math.floor(rand() * 120) * 86_400_000 - Math.floor(rand() * 86_400_000));
      const startDate = rand() < 0.3 ? new Date(NOW.getTime() + Math.floor(rand() * 30 - 10) * 86_400_000) : null;
      out.assignments.push({
        id: `${id}-a${a}`, classId: id, timeSlotId: rand() < 0.25 ? null : slot.id, subject: SUBJECT_OF[slot.levelSubjectId],
        tutorId: pick(TUTORS), recurrencePattern: pattern, recurrenceConfig: config, startDate, endDate: null,
        status: 'ACCEPTED', isActive: true, createdAt, updatedAt: NOW,
      });
    }
    if (rand() < 0.4) {
      const slot = pick(slots);
      out.cancellations.push({ id: `${id}-x`, timeSlotId: slot.id, weekStart: new Date(Date.UTC(2026, 10, 2 + 7 * Math.floor(rand() * 4))), reason: 'Congé', createdBy: 'u-cm' });
    }
  }
  return out;
}

let db, prisma;
before(async () => {
  db = await schema('recur');
  await basics(db, TUTORS.map((id) => ({ id, countryCode: 'CM', firstName: `Prénom ${id}`, lastName: `Nom ${id}` })));
  await db.insert('tutor_profiles', TUTORS.map((id, i) => ({ id: `p-${id}`, userId: id, hourlyRate: `${10 + i}.50` })));
  prisma = db.prisma();
});
after(async () => db?.drop());

async function seed(rows) {
  await db.insert('classes', rows.classes);
  await db.insert('class_time_slots', rows.slots);
  await db.insert('class_tutor_assignments', rows.assignments);
  if (rows.cancellations.length) await db.insert('class_slot_cancellations', rows.cancellations);
}

const localWeekday = (date, zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);

test('for random classes, previewTimeSlot gives the tutors generateSessionsForClass then writes; getNextTutor and applyPattern agree', async () => {
  const rows = randomClasses(random(20261019), 16, 'r');
  await seed(rows);
  const service = createRecurrencePatternService(prisma, { now: () => NOW });
  const generator = createSessionGenerator(prisma, { now: () => NOW });
  let compared = 0, assigned = 0, cancelled = 0;
  for (const c of rows.classes) {
    const zone = ZONES[c.createdBy];
    const slots = rows.slots.filter((s) => s.classId === c.id);
    const previews = new Map();
    for (const s of slots) {
      const preview = await service.previewTimeSlot(c.id, s.id, WEEKS);
      for (const p of preview) {
        assert.ok(p.weekStart <= p.sessionDate && p.sessionDate - p.weekStart < 7 * 86_400_000 + 3_600_000, `${c.id}: ${p.weekStart.toISOString()} ${p.sessionDate.toISOString()}`);
        assert.match(localWeekday(p.weekStart, zone), /^Mon,? 00:00$/);
        previews.set(`${s.id}|${p.sessionDate.toISOString()}`, p);
      }
    }
    const written = await generator.generateSessionsForClass(c.id, WEEKS);
    const classAssignments = rows.assignments.filter((a) => a.classId === c.id);
    const applied = await service.applyPattern(written, classAssignments);
    for (const w of written) {
      const slot = slots.find((s) => previews.has(`${s.id}|${w.scheduledStart.toISOString()}`) && SUBJECT_OF[s.levelSubjectId] === w.subject);
      assert.ok(slot, `${c.id}: no preview for ${w.subject} at ${w.scheduledStart.toISOString()}`);
      const p = previews.get(`${slot.id}|${w.scheduledStart.toISOString()}`);
      assert.equal(p.cancelled, false);
      assert.equal(p.tutorId, w.tutorId, `${c.id} ${slot.id} ${w.scheduledStart.toISOString()}`);
      assert.equal(p.tutorName, w.tutorId ? `Prénom ${w.tutorId} Nom ${w.tutorId}` : 'Unassigned');
      assert.equal(await service.getNextTutor(slot.id, w.scheduledStart, classAssignments), w.tutorId);
      assert.equal(applied.get(w.id) ?? null, w.tutorId);
      compared += 1;
      if (w.tutorId) assigned += 1;
    }
    // Every previewed week is written, except the cancelled ones.
    const open = [...previews.values()].filter((p) => !p.cancelled);
    cancelled += previews.size - open.length;
    assert.equal(written.length, open.length, c.id);
  }
  assert.ok(compared > 100 && assigned > 40 && cancelled > 0, `${compared} compared, ${assigned} with a tutor, ${cancelled} cancelled`);
});

test('previewTimeSlot with proposed assignments shows what saving them will generate', async () => {
  const rows = randomClasses(random(7), 6, 'q');
  await seed(rows);
  const rand = random(99);
  const service = createRecurrencePatternService(prisma, { now: () => NOW });
  const generator = createSessionGenerator(prisma, { now: () => NOW });
  for (const c of rows.classes) {
    const slots = rows.slots.filter((s) => s.classId === c.id);
    // The class creator edits the assignments: new tutors and patterns, not saved yet.
    const proposed = slots.flatMap((s, i) => [
      { id: `${c.id}-new${i}a`, classId: c.id, timeSlotId: s.id, subject: SUBJECT_OF[s.levelSubjectId], tutorId: TUTORS[Math.floor(rand() * 5)], recurrencePattern: 'CONSECUTIVE_DAYS', recurrenceConfig: { consecutiveDays: 2 }, startDate: null, endDate: null, status: 'ACCEPTED', isActive: true, createdAt: new Date('2026-10-01T00:00:00Z') },
      { id: `${c.id}-new${i}b`, classId: c.id, timeSlotId: s.id, subject: SUBJECT_OF[s.levelSubjectId], tutorId: TUTORS[Math.floor(rand() * 5)], recurrencePattern: 'CONSECUTIVE_DAYS', recurrenceConfig: { consecutiveDays: 1 }, startDate: null, endDate: null, status: 'ACCEPTED', isActive: true, createdAt: new Date('2026-10-02T00:00:00Z') },
    ]);
    const previews = new Map();
    for (const s of slots) for (const p of await service.previewTimeSlot(c.id, s.id, WEEKS, { assignments: proposed })) previews.set(p.sessionDate.toISOString() + s.id, p);
    // Saved: the old assignments deactivated, the proposed ones inserted; then generated.
    await db.sql(`UPDATE class_tutor_assignments SET "isActive" = false WHERE "classId" = $1`, [c.id]);
    await db.insert('class_tutor_assignments', proposed.map((a) => ({ ...a, updatedAt: NOW })));
    const written = await generator.generateSessionsForClass(c.id, WEEKS);
    assert.ok(written.length > 0);
    for (const w of written) {
      const p = slots.map((s) => previews.get(w.scheduledStart.toISOString() + s.id)).find(Boolean);
      assert.ok(p, `${c.id} ${w.scheduledStart.toISOString()}`);
      assert.equal(p.tutorId, w.tutorId);
      assert.ok(w.tutorId !== null);
    }
  }
});

test('unknown ids reject with NOT_FOUND; a slot of another class too', async () => {
  const service = createRecurrencePatternService(prisma, { now: () => NOW });
  await assert.rejects(service.previewTimeSlot('nope', 'r0-s0', 4), (e) => e instanceof NotFoundError);
  await assert.rejects(service.previewTimeSlot('r1', 'r0-s0', 4), { code: 'NOT_FOUND' });
  await assert.rejects(service.getNextTutor('nope', NOW, []), { code: 'NOT_FOUND' });
  await assert.rejects(service.previewTimeSlot('r0', 'r0-s0', 0), { code: 'INVALID_OPTION' });
});
