// How JS values are read, and how failures are thrown: checks that run against the `nodejs`
// build in Node and against the `web` build in Chromium. `checks(api, Decimal)` returns
// `[{ name, run }]`; `run()` throws an Error describing the first mismatch.

const base = () => ({
  classes: [{ id: 'c1', name: 'Terminale C', isActive: true, timezone: 'Africa/Douala', memberCount: 12, defaultHourlyRate: null }],
  timeSlots: [
    { id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true, createdAt: '2026-09-01T08:00:00.000Z' },
  ],
  slotCancellations: [],
  tutorAssignments: [
    { id: 'a1', classId: 'c1', timeSlotId: 's1', subject: 'Maths', tutorId: 't1', recurrencePattern: 'ROUND_ROBIN', recurrenceConfig: null, startDate: null, endDate: null, status: 'ACCEPTED', isActive: true, createdAt: '2026-11-02T08:00:00.000Z' },
    { id: 'a2', classId: 'c1', timeSlotId: 's1', subject: 'Maths', tutorId: 't2', recurrencePattern: 'ROUND_ROBIN', recurrenceConfig: null, startDate: null, endDate: null, status: 'ACCEPTED', isActive: true, createdAt: '2026-11-03T08:00:00.000Z' },
  ],
  tutors: [
    { id: 't1', hourlyRate: '5000.00', availability: [] },
    { id: 't2', hourlyRate: '4500.50', availability: [] },
  ],
  existingSessions: [],
});
const options = () => ({ now: '2026-11-30T00:00:00.000Z', weeks: 4, defaultTimezone: 'UTC' });

function fail(message) {
  throw new Error(message);
}
function equal(got, expected, what) {
  if (got !== expected) fail(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
}
/** Calls `f` and checks it throws an `Error` with `code` (and, if given, a message matching). */
function throws(f, code, message) {
  let thrown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) fail(`expected ${code}, nothing was thrown`);
  if (!(thrown instanceof Error)) fail(`expected an Error, got ${String(thrown)}`);
  equal(thrown.code, code, `code (message: ${thrown.message})`);
  if (typeof thrown.message !== 'string' || thrown.message.length === 0) fail('the Error has no message');
  if (message && !message.test(thrown.message)) fail(`message ${JSON.stringify(thrown.message)} does not match ${message}`);
  return thrown;
}
const line = (plan) => JSON.stringify(plan) + '\n';

export function checks(api, Decimal, hooks) {
  const reference = () => line(api.plan(base(), options()));
  return [
    {
      name: 'results are plain objects and arrays, with null (not undefined) where a field does not apply',
      run() {
        const plan = api.plan(base(), options());
        equal(Object.getPrototypeOf(plan), Object.prototype, 'prototype of the plan');
        equal(Array.isArray(plan.create), true, 'create is an array');
        equal(Object.getPrototypeOf(plan.create[0]), Object.prototype, 'prototype of an entry');
        equal(plan.create[0].tutorId, 't1', 'first tutor');
        equal(plan.errors.length, 0, 'no errors');
        const unassigned = base();
        unassigned.tutorAssignments = [];
        const p = api.plan(unassigned, options());
        equal(p.create[0].tutorId, null, 'tutorId of an unassigned session');
        equal(p.create[0].assignmentId, null, 'assignmentId of an unassigned session');
        equal(p.create[0].ordinal, null, 'ordinal of an unassigned session');
        equal(Object.keys(p).join(','), 'formatVersion,window,create,existing,moves,conflicts,skipped,warnings,errors,summary', 'key order');
      },
    },
    {
      name: 'plan(value) and planJson(text) give the same bytes',
      run() {
        const text = JSON.stringify(base());
        equal(line(api.planJson(text, options())), reference(), 'planJson vs plan');
      },
    },
    {
      name: 'a Date is read as its toISOString(), in the snapshot and in the options',
      run() {
        const s = base();
        s.tutorAssignments[0].createdAt = new Date('2026-11-02T08:00:00.000Z');
        s.timeSlots[0].createdAt = new Date('2026-09-01T08:00:00Z');
        const o = options();
        o.now = new Date('2026-11-30T00:00:00.000Z');
        equal(line(api.plan(s, o)), reference(), 'plan with Dates');
      },
    },
    {
      name: 'an invalid Date is INVALID_FIELD naming its path',
      run() {
        const s = base();
        s.tutorAssignments[1].createdAt = new Date('not a date');
        throws(() => api.plan(s, options()), 'INVALID_FIELD', /^tutorAssignments\[1\]\.createdAt: /);
        const o = options();
        o.now = new Date(NaN);
        throws(() => api.plan(base(), o), 'INVALID_OPTION', /^now: /);
      },
    },
    {
      name: 'a Decimal (an object with its own toString) is read as String(x)',
      run() {
        const s = base();
        s.tutors[0].hourlyRate = new Decimal('5000.00');
        s.tutors[1].hourlyRate = new Decimal('4500.5');
        equal(line(api.plan(s, options())), reference(), 'plan with Decimals');
        class Money {
          constructor(text) {
            this.text = text;
          }
          toString() {
            return this.text;
          }
        }
        s.tutors[1].hourlyRate = new Money('4500.50');
        equal(line(api.plan(s, options())), reference(), 'plan with a class of its own');
      },
    },
    {
      name: 'numbers as money are read from String(n): 7.5, 0.1 and 1e-7 are exact',
      run() {
        for (const [number, text] of [[7.5, '7.5'], [0.1, '0.1'], [1e-7, '0.0000001'], [4500.5, '4500.5'], [1e21, '1000000000000000000000']]) {
          const a = base();
          a.tutors[0].hourlyRate = number;
          const b = base();
          b.tutors[0].hourlyRate = text;
          equal(line(api.plan(a, options())), line(api.plan(b, options())), `money ${number}`);
        }
        const a = base();
        a.tutors[0].hourlyRate = 0.1;
        // 0.1 × 2 h × 12 members = 2.40 exactly (a binary float would not say so).
        equal(api.plan(a, options()).create[0].price, '2.40', 'price from 0.1');
      },
    },
    {
      name: 'a BigInt is an integer, an integral number is an integer',
      run() {
        const s = base();
        s.classes[0].memberCount = 12n;
        s.timeSlots[0].dayOfWeek = 1.0;
        equal(line(api.plan(s, options())), reference(), 'BigInt memberCount, 1.0 dayOfWeek');
        s.classes[0].memberCount = 2n ** 70n;
        equal(api.plan(s, options()).errors.length, 0, 'a huge BigInt saturates');
        s.timeSlots[0].dayOfWeek = 1.5;
        throws(() => api.plan(s, options()), 'INVALID_FIELD', /^timeSlots\[0\]\.dayOfWeek: /);
      },
    },
    {
      name: 'undefined, functions and symbols are absent from objects and null in arrays',
      run() {
        const s = base();
        s.classes[0].timezone = undefined; // absent: the default zone
        s.classes[0].extra = () => 1;
        s.classes[0][Symbol('x')] = 1;
        s.classes[0].symbol = Symbol('y');
        const o = options();
        o.defaultTimezone = 'Africa/Douala';
        equal(line(api.plan(s, o)), reference(), 'plan without those fields');
        const holes = base();
        holes.classes = [undefined];
        throws(() => api.plan(holes, options()), 'INVALID_FIELD', /^classes\[0\]: .*null/);
        const missing = base();
        missing.timeSlots[0].isActive = undefined;
        throws(() => api.plan(missing, options()), 'INVALID_FIELD', /^timeSlots\[0\]\.isActive: is required/);
      },
    },
    {
      name: 'null stays null: a null zone is the default zone, a null list is empty',
      run() {
        const s = base();
        s.classes[0].timezone = null;
        s.existingSessions = null;
        const o = options();
        o.defaultTimezone = 'Africa/Douala';
        equal(line(api.plan(s, o)), reference(), 'plan with nulls');
      },
    },
    {
      name: 'a non-finite number is INVALID_FIELD naming its path, after INPUT_TOO_LARGE and INVALID_OPTION',
      run() {
        const s = base();
        s.tutors[1].hourlyRate = NaN;
        throws(() => api.plan(s, options()), 'INVALID_FIELD', /^tutors\[1\]\.hourlyRate: NaN is not a finite number$/);
        s.tutors[1].hourlyRate = -Infinity;
        throws(() => api.plan(s, options()), 'INVALID_FIELD', /-Infinity/);
        throws(() => api.plan(s, { ...options(), weeks: 0 }), 'INVALID_OPTION', /^weeks: /);
        throws(() => api.plan(s, { ...options(), weeks: Infinity }), 'INVALID_OPTION', /^options\.weeks: Infinity/);
        let deep = {};
        const top = deep;
        for (let i = 0; i < 70; i++) deep = deep.x = {};
        s.tutorAssignments[0].recurrenceConfig = top;
        throws(() => api.plan(s, { ...options(), weeks: 0 }), 'INPUT_TOO_LARGE');
      },
    },
    {
      name: 'nesting: 64 levels are read, 65 are INPUT_TOO_LARGE; a cycle is ignored where the engine ignores the field, named where it reads it',
      run() {
        // snapshot (1) > tutorAssignments (2) > row (3) > recurrenceConfig (4) > ... 64
        const nest = (levels) => {
          const top = {};
          let o = top;
          for (let i = 1; i < levels; i++) o = o.x = {};
          return top;
        };
        const ok = base();
        ok.tutorAssignments[0].recurrenceConfig = nest(61);
        equal(api.plan(ok, options()).errors.length, 0, '64 levels');
        const deep = base();
        deep.tutorAssignments[0].recurrenceConfig = nest(62);
        throws(() => api.plan(deep, options()), 'INPUT_TOO_LARGE', /nests deeper than 64/);
        const cyclic = base();
        cyclic.classes[0].self = cyclic;
        equal(line(api.plan(cyclic, options())), reference(), 'a cycle in a field the engine ignores');
        const cyclicArray = [];
        cyclicArray.push(cyclicArray);
        throws(() => api.plan({ classes: cyclicArray }, options()), 'INVALID_FIELD', /^classes\[0\]: the value contains itself \(a cycle\), which JSON cannot hold$/);
        throws(() => api.plan(base()), 'INVALID_OPTION', /^options: expected an object, found undefined$/);
      },
    },
    {
      name: 'an array of more than 1,000,000 items is INPUT_TOO_LARGE before its items are read',
      run() {
        const s = base();
        const big = new Array(1_000_001);
        let reads = 0;
        const trap = new Proxy(big, {
          get(target, key, receiver) {
            if (key !== 'length') reads++;
            return Reflect.get(target, key, receiver);
          },
        });
        s.existingSessions = trap;
        throws(() => api.plan(s, options()), 'INPUT_TOO_LARGE', /^existingSessions: a list holds 1000001 items/);
        equal(reads, 0, 'items read');
      },
    },
    {
      name: 'a throwing getter or proxy is INVALID_FIELD, and the module keeps working',
      run() {
        const s = base();
        Object.defineProperty(s.classes[0], 'timezone', { enumerable: true, get() { throw new TypeError('no zone today'); } });
        throws(() => api.plan(s, options()), 'INVALID_FIELD', /^classes\[0\]\.timezone: reading the value threw TypeError: no zone today$/);
        const p = base();
        p.tutors = new Proxy([], { get() { throw new Error('trap'); } });
        throws(() => api.plan(p, options()), 'INVALID_FIELD', /^tutors: /);
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        throws(() => api.plan({ classes: [proxy] }, options()), 'INVALID_FIELD', /^classes\[0\]: /);
        equal(line(api.plan(base(), options())), reference(), 'a plan after the failures');
      },
    },
    {
      name: 'options: not an object, a missing now, a bad zone are INVALID_OPTION',
      run() {
        throws(() => api.plan(base(), undefined), 'INVALID_OPTION', /^options: expected an object/);
        throws(() => api.plan(base(), { weeks: 4 }), 'INVALID_OPTION', /^now: is required/);
        throws(() => api.plan(base(), { ...options(), defaultTimezone: 'Mars/Olympus' }), 'INVALID_OPTION', /Mars\/Olympus/);
        throws(() => api.plan(null, options()), 'INVALID_FIELD', /^snapshot: /);
      },
    },
    {
      name: 'planJson: text that is not JSON or not a string is INVALID_JSON, limits first, then options',
      run() {
        throws(() => api.planJson('{', options()), 'INVALID_JSON');
        throws(() => api.planJson('{"classes": NaN}', options()), 'INVALID_JSON');
        throws(() => api.planJson(42, options()), 'INVALID_JSON', /^text: expected a string of JSON$/);
        throws(() => api.planJson('{', { ...options(), weeks: NaN }), 'INVALID_JSON');
        throws(() => api.planJson('{}', { ...options(), weeks: NaN }), 'INVALID_OPTION', /^options\.weeks: NaN/);
        throws(() => api.planJson('['.repeat(65) + ']'.repeat(65), { ...options(), weeks: 0 }), 'INPUT_TOO_LARGE');
        throws(() => api.planJson('{"timeSlots": [{"id": "s1", "dayOfWeek": 1.0}]}', options()), 'INVALID_FIELD');
      },
    },
    {
      name: 'the §3.8 functions: options optional, bad options before bad fields, NOT_FOUND last',
      run() {
        const s = base();
        s.existingSessions = [
          { id: 'e1', classId: 'c1', tutorId: 't2', subject: 'Maths', scheduledStart: '2026-12-07T13:00:00.000Z', scheduledEnd: '2026-12-07T15:00:00.000Z', status: 'PENDING', price: '0.00', cancellationReason: null },
        ];
        const request = { tutorId: 't2', hourlyRate: 6000, now: '2026-11-30T00:00:00Z' };
        const expected = { updates: [{ sessionId: 'e1', price: '144000.00' }] };
        for (const o of [undefined, null, {}, { defaultTimezone: null }]) {
          equal(JSON.stringify(api.repriceTutor(s, request, o)), JSON.stringify(expected), `repriceTutor with options ${JSON.stringify(o)}`);
        }
        equal(JSON.stringify(api.repriceTutor(s, { ...request, hourlyRate: new Decimal('6000'), now: new Date('2026-11-30T00:00:00Z') })), JSON.stringify(expected), 'Decimal and Date in the request');
        throws(() => api.repriceTutor(s, { ...request, hourlyRate: NaN }), 'INVALID_FIELD', /^request\.hourlyRate: NaN/);
        throws(() => api.repriceTutor(s, { ...request, hourlyRate: NaN }, { defaultTimezone: 'Mars/Olympus' }), 'INVALID_OPTION');
        throws(() => api.repriceTutor(s, request, 5), 'INVALID_OPTION');
        throws(() => api.repriceTutor(s, { ...request, tutorId: 'nobody' }), 'NOT_FOUND');
        throws(() => api.repriceTutor(s, { ...request, tutorId: 'nobody', now: 'yesterday' }), 'INVALID_FIELD', /^request\.now: /);
        equal(JSON.stringify(api.availableTutors(s, { classId: 'c1', subject: 'Maths', scheduledStart: '2026-12-07T13:00:00Z', scheduledEnd: '2026-12-07T15:00:00Z' })), '{"tutorIds":["t1"]}', 'availableTutors');
        throws(() => api.cascadeSlotDeactivated(s, { timeSlotId: 'nope', now: '2026-11-30T00:00:00Z' }), 'NOT_FOUND');
        equal(JSON.stringify(api.cascadeSlotDeactivated(s, { timeSlotId: 's1', now: '2026-11-30T00:00:00Z' })), '{"cancel":[{"sessionId":"e1","cancellationReason":"time slot s1 deactivated"}]}', 'cascadeSlotDeactivated');
        throws(() => api.cascadeWeekCancelled(s, { cancellationId: 'x9', now: '2026-11-30T00:00:00Z' }), 'NOT_FOUND');
      },
    },
    {
      name: 'a panic is thrown as an Error with code INTERNAL, and the next call runs on a fresh instance (the tests\' build, pkg/hooks); the published build has no hook',
      run() {
        equal(typeof api.__panicForTests, 'undefined', 'no test hook in the published build');
        if (!hooks) return; // the browser loads the published build only
        throws(() => hooks.__panicForTests(), 'INTERNAL', /^internal error \(a bug in genova-sessions\): .*the test asked for a panic/s);
        equal(line(hooks.plan(base(), options())), reference(), 'a plan after the panic');
        throws(() => hooks.__panicForTests(), 'INTERNAL');
        equal(line(hooks.plan(base(), options())), reference(), 'a plan after a second panic');
      },
    },
    {
      name: 'tzdbVersion names the IANA release compiled in',
      run() {
        if (!/^\d{4}[a-z]$/.test(api.tzdbVersion())) fail(`tzdbVersion() = ${api.tzdbVersion()}`);
      },
    },
  ];
}

/** Runs every check; resolves to `{ passed, failures }`. */
export function runChecks(api, Decimal, hooks) {
  const failures = [];
  let passed = 0;
  for (const check of checks(api, Decimal, hooks)) {
    try {
      check.run();
      passed++;
    } catch (e) {
      failures.push(`${check.name}: ${e.message}`);
    }
  }
  return { passed, failures };
}
