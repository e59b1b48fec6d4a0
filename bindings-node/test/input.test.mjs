// JS values in: SPEC §5's rules for numbers, Prisma rows (Dates, Decimals), the malformed
// table every surface replays, and inputs that must throw an Error with a code and leave the
// process running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Decimal from 'decimal.js';
import { addon, outcome, readText, repoRoot } from './support.mjs';
import { join } from 'node:path';

const OPTIONS = { now: '2026-11-30T00:00:00.000Z', weeks: 2, defaultTimezone: 'Africa/Douala' };

/** A small valid snapshot; every instant and money value a string. */
function snapshot() {
  return {
    classes: [{ id: 'c1', name: 'Terminale C', isActive: true, timezone: 'Europe/Paris', memberCount: 3, defaultHourlyRate: '1000.00' }],
    timeSlots: [
      { id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true, createdAt: '2026-09-01T08:00:00.000Z' },
      { id: 's2', classId: 'c1', subject: 'Physique', dayOfWeek: 3, startTime: '09:00', endTime: '10:30', isActive: true, createdAt: null },
    ],
    slotCancellations: [{ id: 'x1', timeSlotId: 's2', weekStart: '2026-12-07T00:00:00.000Z', reason: 'Holiday' }],
    tutorAssignments: [
      { id: 'a1', classId: 'c1', timeSlotId: 's1', subject: 'Maths', tutorId: 't1', recurrencePattern: 'ROUND_ROBIN', recurrenceConfig: null,
        startDate: null, endDate: null, status: 'ACCEPTED', isActive: true, createdAt: '2026-09-02T08:00:00.000Z' },
      { id: 'a2', classId: 'c1', timeSlotId: null, subject: 'Physique', tutorId: 't2', recurrencePattern: 'WEEKLY', recurrenceConfig: { weeks: [1, 2, 3, 14, 15] },
        startDate: '2026-09-01T00:00:00.000Z', endDate: null, status: 'ACCEPTED', isActive: true, createdAt: '2026-09-03T08:00:00.000Z' },
    ],
    tutors: [
      { id: 't1', hourlyRate: '5000.50', availability: [{ dayOfWeek: 1, specificDate: null, startTime: '08:00', endTime: '18:00', isRecurring: true, isActive: true }] },
      { id: 't2', hourlyRate: '1234.56', availability: [] },
    ],
    existingSessions: [{ id: 'e1', classId: 'c1', tutorId: null, subject: 'Maths', scheduledStart: '2026-11-30T13:00:00.000Z',
      scheduledEnd: '2026-11-30T15:00:00.000Z', status: 'PENDING', price: '0.00', cancellationReason: null }],
  };
}

test('Prisma rows as they are (Dates, decimal.js Decimals, numbers, plain JSON configs) plan like their JSON text', () => {
  const text = snapshot();
  const d = (s) => (s === null ? null : new Date(s));
  const prisma = snapshot();
  prisma.classes[0].defaultHourlyRate = new Decimal('1000.00');
  prisma.timeSlots.forEach((s) => { s.createdAt = d(s.createdAt); });
  prisma.slotCancellations[0].weekStart = d(prisma.slotCancellations[0].weekStart);
  prisma.tutorAssignments.forEach((a) => { a.startDate = d(a.startDate); a.endDate = d(a.endDate); a.createdAt = d(a.createdAt); });
  prisma.tutors[0].hourlyRate = new Decimal('5000.5');
  prisma.tutors[1].hourlyRate = 1234.56;
  prisma.existingSessions[0].scheduledStart = d(prisma.existingSessions[0].scheduledStart);
  prisma.existingSessions[0].scheduledEnd = d(prisma.existingSessions[0].scheduledEnd);
  prisma.existingSessions[0].price = new Decimal('0');
  const options = { ...OPTIONS, now: new Date(OPTIONS.now) };
  const expected = addon.planJson(JSON.stringify(text), OPTIONS);
  assert.ok(expected.create.length > 0 && expected.skipped.length === 1 && expected.existing.length === 1);
  assert.deepEqual(addon.plan(prisma, options), expected);
  assert.equal(expected.create.find((c) => c.tutorId === 't1').price, '30003.00');
});

test('numbers: integral ones are exact integers, others read as String(n)', () => {
  const withRate = (rate) => { const s = snapshot(); s.tutors[0].hourlyRate = rate; return s; };
  const textWithRate = (literal) => JSON.stringify(withRate('@')).replace('"@"', literal);
  for (const n of [7.5, 0.1, 1e-7, 1.5e-7, 0.000001, 1234.5678, 5000, 1e21, 2 ** 53 + 2, -0, 123456.789, 3.0000000000000004]) {
    const literal = Number.isInteger(n) ? BigInt(n).toString() : String(n);
    assert.deepEqual(addon.plan(withRate(n), OPTIONS), addon.planJson(textWithRate(literal), OPTIONS), `hourlyRate ${n}`);
  }
  // 1.0 is the integer 1 for a JS value (SPEC §5), but not in JSON text (R1).
  const s = snapshot();
  assert.equal(addon.plan(JSON.parse(JSON.stringify(s).replace('"dayOfWeek":1', '"dayOfWeek":1.0')), OPTIONS).create.length, addon.plan(s, OPTIONS).create.length);
  assert.equal(outcome(() => addon.planJson(JSON.stringify(s).replace('"dayOfWeek":1', '"dayOfWeek":1.0'), OPTIONS)).error, 'INVALID_FIELD');
  // BigInt is an integer; a fractional dayOfWeek is a wrong type.
  const big = snapshot(); big.classes[0].memberCount = 3n;
  assert.deepEqual(addon.plan(big, OPTIONS), addon.plan(snapshot(), OPTIONS));
  const frac = snapshot(); frac.timeSlots[0].dayOfWeek = 1.5;
  assert.match(outcome(() => addon.plan(frac, OPTIONS)).thrown.message, /timeSlots\[0\]\.dayOfWeek/);
});

test('undefined, functions and symbols are absent, as JSON.stringify leaves them', () => {
  const s = snapshot();
  s.classes[0].timezone = undefined; // absent → defaultTimezone
  s.classes[0].extra = () => 1;
  s.classes[0][Symbol('x')] = 1;
  const expected = snapshot();
  delete expected.classes[0].timezone;
  assert.deepEqual(addon.plan(s, OPTIONS), addon.plan(expected, OPTIONS));
});

test('non-finite numbers are INVALID_FIELD naming the path, after INPUT_TOO_LARGE and INVALID_OPTION', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const s = snapshot(); s.tutors[1].hourlyRate = bad;
    const r = outcome(() => addon.plan(s, OPTIONS));
    assert.equal(r.error, 'INVALID_FIELD');
    assert.match(r.thrown.message, /^tutors\[1\]\.hourlyRate: /);
    assert.equal(outcome(() => addon.plan(s, { ...OPTIONS, weeks: 0 })).error, 'INVALID_OPTION');
    s.existingSessions = new Array(1_000_001);
    assert.equal(outcome(() => addon.plan(s, { ...OPTIONS, weeks: 0 })).error, 'INPUT_TOO_LARGE');
    assert.equal(outcome(() => addon.plan(snapshot(), { ...OPTIONS, weeks: bad })).error, 'INVALID_OPTION');
    const req = { tutorId: 't1', hourlyRate: bad, now: OPTIONS.now };
    assert.equal(outcome(() => addon.repriceTutor(snapshot(), req)).error, 'INVALID_FIELD');
    assert.equal(outcome(() => addon.repriceTutor(snapshot(), req, { defaultTimezone: 'Mars/Olympus' })).error, 'INVALID_OPTION');
  }
});

test('an invalid Date is INVALID_FIELD; Dates beyond year 9999 are written as toISOString does', () => {
  const s = snapshot(); s.timeSlots[0].createdAt = new Date('nope');
  const r = outcome(() => addon.plan(s, OPTIONS));
  assert.equal(r.error, 'INVALID_FIELD');
  assert.match(r.thrown.message, /timeSlots\[0\]\.createdAt/);
  const far = snapshot(); far.tutorAssignments[0].endDate = new Date(8.64e15);
  assert.equal(outcome(() => addon.plan(far, OPTIONS)).error, 'INVALID_FIELD'); // +275760-09-13T00:00:00.000Z is not RFC 3339
});

test('the malformed table (tests/malformed/cases.json) gives each case its outcome through planJson and plan(JSON.parse)', () => {
  const cases = JSON.parse(readText(join(repoRoot, 'tests/malformed/cases.json')));
  const failures = [];
  const summarise = (r) => {
    if (r.error) return { error: r.error };
    return { summary: r.value.summary };
  };
  for (const c of cases) {
    const text = c.expand ? c.text.replaceAll(c.expand.marker, c.expand.unit.repeat(c.expand.count)) : c.text;
    const viaText = summarise(outcome(() => addon.planJson(text, c.options)));
    if (JSON.stringify(viaText) !== JSON.stringify(c.expected)) failures.push(`${c.name}: planJson gave ${JSON.stringify(viaText)}`);
    let value;
    try { value = JSON.parse(text); } catch { continue; } // not JSON: the text path only
    const expected = c.expectedValue === undefined ? c.expected : c.expectedValue;
    const viaValue = summarise(outcome(() => addon.plan(value, c.options)));
    if (JSON.stringify(viaValue) !== JSON.stringify(expected)) failures.push(`${c.name}: plan(JSON.parse) gave ${JSON.stringify(viaValue)}`);
  }
  assert.deepEqual(failures, []);
});

test('bad input throws an Error with a SPEC §5 code, and the process survives every one', () => {
  const cyclic = snapshot(); cyclic.classes[0].self = cyclic;
  const cyclicList = snapshot(); cyclicList.timeSlots.push(cyclicList.timeSlots);
  const throwing = snapshot();
  Object.defineProperty(throwing.classes[0], 'id', { enumerable: true, get() { throw new Error('boom'); } });
  const proxy = new Proxy(snapshot(), { get() { throw new Error('trap'); } });
  const tenMillion = new Array(10_000_000).fill(0);
  const wrongTypes = [
    { classes: 'c1' }, { classes: [1] }, { classes: [{ id: 1, isActive: true }] },
    { timeSlots: [{ ...snapshot().timeSlots[0], dayOfWeek: '1' }] },
    { tutors: [{ id: 't1', hourlyRate: true }] }, { tutors: [{ id: 't1', hourlyRate: {} }] },
    { existingSessions: [{ ...snapshot().existingSessions[0], scheduledStart: 12 }] },
  ];
  const cases = [
    ['undefined', undefined, 'INVALID_FIELD'], ['null', null, 'INVALID_FIELD'], ['0', 0, 'INVALID_FIELD'], ['42.5', 42.5, 'INVALID_FIELD'],
    ['a string', 'snapshot', 'INVALID_FIELD'], ['[]', [], 'INVALID_FIELD'], ['[snapshot]', [snapshot()], 'INVALID_FIELD'],
    ['a cyclic array in a list the engine reads', cyclicList, 'INVALID_FIELD'],
    ['a throwing getter', throwing, 'INVALID_FIELD'], ['a throwing proxy', proxy, 'INVALID_FIELD'],
    ['10,000,000 items', tenMillion, 'INPUT_TOO_LARGE'], ['a list of 10,000,000 items', { existingSessions: tenMillion }, 'INPUT_TOO_LARGE'],
    ...wrongTypes.map((s) => [`wrong types ${JSON.stringify(s).slice(0, 60)}`, s, 'INVALID_FIELD']),
  ];
  for (const [label, input, code] of cases) {
    const r = outcome(() => addon.plan(input, OPTIONS));
    assert.ok(r.thrown instanceof Error, `${label}: throws an Error`);
    assert.equal(r.error, code, `${label}: ${r.thrown?.message}`);
    assert.ok(r.thrown.message.length > 0);
    for (const fn of ['availableTutors', 'cascadeSlotDeactivated', 'cascadeWeekCancelled', 'repriceTutor']) {
      const f = outcome(() => addon[fn](input, {}, undefined));
      assert.ok(f.thrown instanceof Error && typeof f.error === 'string', `${fn} on ${label}: throws an Error with a code`);
    }
  }
  for (const options of [undefined, null, 4, 'x', [], { now: 'yesterday', weeks: 4 }, { now: OPTIONS.now, weeks: 53 }, { now: OPTIONS.now, weeks: '4' }, cyclic]) {
    const r = outcome(() => addon.plan(snapshot(), options));
    assert.ok(r.thrown instanceof Error && ['INVALID_OPTION', 'INPUT_TOO_LARGE'].includes(r.error), `options ${typeof options}: ${r.error}`);
  }
  for (const text of [undefined, null, 4, {}, '', '{', 'NaN', '[' .repeat(100)]) {
    const r = outcome(() => addon.planJson(text, OPTIONS));
    assert.ok(r.thrown instanceof Error && ['INVALID_JSON', 'INPUT_TOO_LARGE'].includes(r.error), `text ${String(text)}: ${r.error}`);
  }
  // Unknown ids are NOT_FOUND, after every other check.
  assert.equal(outcome(() => addon.repriceTutor(snapshot(), { tutorId: 'nobody', hourlyRate: '1.00', now: OPTIONS.now })).error, 'NOT_FOUND');
  assert.equal(outcome(() => addon.cascadeSlotDeactivated(snapshot(), { timeSlotId: 'nope', now: OPTIONS.now })).error, 'NOT_FOUND');
  // Still alive and planning.
  assert.equal(addon.plan(snapshot(), OPTIONS).summary.classesProcessed, 1);
});

test('planAsync plans off the main thread: a setImmediate queued after the call runs first', async () => {
  const big = snapshot();
  big.timeSlots = Array.from({ length: 300 }, (_, i) => ({ ...snapshot().timeSlots[0], id: `s${i}`, startTime: `${String(7 + (i % 12)).padStart(2, '0')}:00`, endTime: `${String(7 + (i % 12)).padStart(2, '0')}:50`, dayOfWeek: i % 7 }));
  const options = { ...OPTIONS, weeks: 52 };
  const events = [];
  const promise = addon.planAsync(big, options).then((p) => { events.push('settled'); return p; });
  setImmediate(() => events.push('immediate'));
  const plan = await promise;
  assert.deepEqual(events, ['immediate', 'settled']);
  assert.deepEqual(plan, addon.plan(big, options));
  await assert.rejects(addon.planAsync(big, { ...options, weeks: 0 }), (e) => e instanceof Error && e.code === 'INVALID_OPTION');
  await assert.rejects(addon.planAsync(undefined, options), (e) => e instanceof Error && e.code === 'INVALID_FIELD');
});

test('messages name what is wrong in JS terms: a missing argument is undefined, a cycle is a cycle', () => {
  const message = (f) => { try { f(); } catch (e) { return `${e.code}: ${e.message}`; } return 'no error'; };
  assert.equal(message(() => addon.plan(snapshot())), 'INVALID_OPTION: options: expected an object, found undefined');
  assert.equal(message(() => addon.plan(snapshot(), null)), 'INVALID_OPTION: options: expected an object, found null');
  assert.equal(message(() => addon.plan(undefined, OPTIONS)), 'INVALID_FIELD: snapshot: expected an object, found undefined');
  assert.equal(message(() => addon.planJson(JSON.stringify(snapshot()))), 'INVALID_OPTION: options: expected an object, found undefined');
  assert.equal(message(() => addon.repriceTutor(snapshot())), 'INVALID_FIELD: request: expected an object, found undefined');
  // A cycle in a field the engine ignores is ignored, as the field is.
  const cyclic = snapshot(); cyclic.classes[0].self = cyclic; cyclic.extra = { loop: null }; cyclic.extra.loop = cyclic.extra;
  assert.equal(JSON.stringify(addon.plan(cyclic, OPTIONS)), JSON.stringify(addon.plan(snapshot(), OPTIONS)));
  // In a field the engine reads, it is named.
  const bad = snapshot(); bad.timeSlots.push(bad.timeSlots);
  assert.equal(message(() => addon.plan(bad, OPTIONS)), `INVALID_FIELD: timeSlots[${bad.timeSlots.length - 1}]: the value contains itself (a cycle), which JSON cannot hold`);
});

test('the exports are the shared list (genova-sessions-js EXPORTS and NODE_ONLY), no test or benchmark hook', () => {
  const names = Object.keys(addon).filter((k) => typeof addon[k] === 'function').sort();
  assert.deepEqual(names, ['availableTutors', 'cascadeSlotDeactivated', 'cascadeWeekCancelled', 'mergePlans', 'plan', 'planAsync', 'planJson', 'repriceTutor', 'tzdbVersion']);
});
