// The preview's logic without the DOM: the form's state → the engine's input, and the
// engine's plan → the calendar. Every rule of the SPEC stays in the engine: this file only
// shapes data and reads the plan (which tutor, which status, which price, which week is
// cancelled all come from `plan`).

export const PATTERNS = ['ROUND_ROBIN', 'WEEKLY', 'CONSECUTIVE_DAYS', 'MANUAL'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const CONFIG_HINTS = {
  ROUND_ROBIN: 'ignored',
  WEEKLY: '{"weeks": [1, 3]} or {"pattern": "alternating", "startWeek": 1}',
  CONSECUTIVE_DAYS: '{"consecutiveDays": 2}',
  MANUAL: 'ignored',
};

/** Assignments are stamped one minute apart from here, in the form's order. */
const CREATED_BASE = Date.parse('2026-11-02T08:00:00.000Z');

/** `"12"` → 12; `""` → null; anything else is passed as typed, for the engine to judge. */
function integerOrText(text) {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : text;
}

/** A date input's `YYYY-MM-DD` as the platform stores dates (midnight UTC), or null. */
function dateOrNull(text) {
  return text ? `${text}T00:00:00.000Z` : null;
}

/** The subject an assignment target covers: `slot:<id>` → that slot's, `subject:<name>`. */
export function targetSubject(state, target) {
  if (target.startsWith('subject:')) return target.slice('subject:'.length);
  return state.slots.find((s) => `slot:${s.id}` === target)?.subject ?? '';
}

/** The choices of an assignment's target: each slot, and every slot of each subject. */
export function targetChoices(state) {
  const slots = state.slots.map((s) => ({ value: `slot:${s.id}`, label: `${s.subject || '(no subject)'} · ${DAYS[s.dayOfWeek]?.slice(0, 3) ?? '?'} ${s.startTime}` }));
  const subjects = [...new Set(state.slots.map((s) => s.subject).filter(Boolean))].map((subject) => ({
    value: `subject:${subject}`,
    label: `every ${subject} slot`,
  }));
  return [...slots, ...subjects];
}

/**
 * The engine's input for the form's state: `{ snapshot, options, localErrors, existing }`.
 * `localErrors` are problems the form can see before the engine does (text that is not
 * JSON); `lastExisting` is used while the existing sessions' text does not parse.
 */
export function toInput(state, lastExisting = []) {
  const localErrors = [];
  const klass = state.klass;
  let existing = lastExisting;
  try {
    const parsed = state.existingText.trim() === '' ? [] : JSON.parse(state.existingText);
    existing = parsed;
  } catch (e) {
    localErrors.push({ path: 'existingSessions', message: `not JSON (${e.message}); the preview uses the last valid list` });
  }
  const assignments = state.assignments.map((a, i) => {
    let config = null;
    if (a.config.trim() !== '') {
      try {
        config = JSON.parse(a.config);
      } catch (e) {
        config = a.config;
        localErrors.push({ path: `tutorAssignments[${i}].recurrenceConfig`, message: `not JSON: ${e.message}` });
      }
    }
    const slotLevel = a.target.startsWith('slot:');
    return {
      id: a.id,
      classId: klass.id,
      timeSlotId: slotLevel ? a.target.slice('slot:'.length) : null,
      subject: targetSubject(state, a.target),
      tutorId: a.tutorId,
      recurrencePattern: a.pattern,
      recurrenceConfig: config,
      startDate: dateOrNull(a.startDate),
      endDate: dateOrNull(a.endDate),
      status: 'ACCEPTED',
      isActive: a.active,
      createdAt: new Date(CREATED_BASE + i * 60_000).toISOString(),
    };
  });
  const snapshot = {
    classes: [
      {
        id: klass.id,
        name: klass.name,
        isActive: true,
        timezone: klass.timezone,
        memberCount: integerOrText(klass.memberCount),
        defaultHourlyRate: klass.defaultHourlyRate.trim() === '' ? null : klass.defaultHourlyRate.trim(),
      },
    ],
    timeSlots: state.slots.map((s) => ({
      id: s.id,
      classId: klass.id,
      subject: s.subject,
      dayOfWeek: Number(s.dayOfWeek),
      startTime: s.startTime,
      endTime: s.endTime,
      isActive: s.active,
      createdAt: null,
    })),
    slotCancellations: state.cancellations.map((c) => ({
      id: c.id,
      timeSlotId: c.slotId,
      weekStart: c.week ? `${c.week}T00:00:00.000Z` : '',
      reason: c.reason || null,
    })),
    tutorAssignments: assignments,
    tutors: state.tutors.map((t) => ({ id: t.id, hourlyRate: t.hourlyRate.trim(), availability: [] })),
    existingSessions: existing,
  };
  const legacy = (state.legacyTimezone ?? '').trim();
  const options = {
    now: state.now.trim(),
    weeks: integerOrText(state.weeks),
    defaultTimezone: 'UTC',
    // The zone the old TypeScript generator ran in: its rows are recognised and moved
    // (plan.moves) instead of being duplicated. Empty = off.
    legacyTimezone: legacy === '' ? null : legacy,
  };
  return { snapshot, options, localErrors, existing };
}

/**
 * Where a thrown engine error belongs: `{ path, message, full }`, `path` the form field's
 * path (`options.now`, `tutors[1].hourlyRate`, ...) or null when no field matches, `message`
 * the text to show there, `full` the engine's whole message.
 */
export function placeFailure(error) {
  const message = String(error?.message ?? error);
  if (error?.code === 'INVALID_OPTION') {
    const m = message.match(/^(?:options\.)?(now|weeks|defaultTimezone|legacyTimezone)\b/);
    return { path: m ? `options.${m[1]}` : null, message, full: message };
  }
  if (error?.code === 'INVALID_FIELD' || error?.code === 'INPUT_TOO_LARGE') {
    const m = message.match(/^([A-Za-z0-9_.[\]]+): /);
    return { path: m ? m[1] : null, message: m ? message.slice(m[0].length) : message, full: message };
  }
  return { path: null, message: `${error?.code ?? 'ERROR'}: ${message}`, full: `${error?.code ?? 'ERROR'}: ${message}` };
}

/**
 * The plan's `errors` and `warnings` placed on form fields: `[{ path, message, level }]`
 * (`path` null when they belong to no field).
 */
export function placeFindings(plan, input) {
  const slotIndex = new Map(input.snapshot.timeSlots.map((s, i) => [s.id, i]));
  const assignmentIndex = new Map(input.snapshot.tutorAssignments.map((a, i) => [a.id, i]));
  const out = [];
  for (const e of plan.errors) {
    if (e.code === 'UNKNOWN_TIMEZONE') {
      out.push({ path: 'classes[0].timezone', message: e.message, level: 'error' });
    } else if (e.code === 'INVALID_SLOT' && slotIndex.has(e.timeSlotId)) {
      // The message names the first failing check (R8); put it next to that field.
      const i = slotIndex.get(e.timeSlotId);
      const field = /day of week/.test(e.message)
        ? 'dayOfWeek'
        : /start and end/.test(e.message)
          ? 'endTime'
          : /start time/.test(e.message)
            ? 'startTime'
            : 'endTime';
      out.push({ path: `timeSlots[${i}].${field}`, message: e.message, level: 'error' });
    } else {
      out.push({ path: null, message: e.message, level: 'error' });
    }
  }
  for (const w of plan.warnings) {
    const i = assignmentIndex.get(w.assignmentId);
    const field = {
      INVALID_RECURRENCE_CONFIG: 'recurrenceConfig',
      UNKNOWN_RECURRENCE_PATTERN: 'recurrencePattern',
      TUTOR_NOT_FOUND: 'tutorId',
    }[w.code];
    out.push({
      path: field && i !== undefined ? `tutorAssignments[${i}].${field}` : null,
      message: w.message,
      level: 'warning',
      code: w.code,
      timeSlotId: w.timeSlotId,
      tutorId: w.tutorId,
    });
  }
  return out;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Formats instants in the class's zone (the browser's Intl; UTC when it does not know it). */
export function formatter(zone) {
  const make = (tz) => ({
    day: new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short' }),
    date: new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'short' }),
    time: new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    ymd: new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric' }),
  });
  let f;
  try {
    f = make(zone || 'UTC');
  } catch {
    f = make('UTC');
  }
  const calendar = make('UTC');
  return {
    day: (instant) => f.day.format(new Date(instant)),
    date: (instant) => f.date.format(new Date(instant)),
    time: (instant) => f.time.format(new Date(instant)),
    /** The local calendar date of an instant, as a day number (days since 1970-01-01). */
    localDay: (instant) => {
      const parts = Object.fromEntries(f.ymd.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
      return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY_MS;
    },
    /** A day number as `Mon 30 Nov`. */
    dayLabel: (dayNumber) => calendar.day.format(new Date(dayNumber * DAY_MS)),
  };
}

/** The Monday (a day number) of the Monday–Sunday week holding a day number (1970-01-01 was a Thursday). */
export const mondayOf = (dayNumber) => dayNumber - ((dayNumber + 3) % 7);

/** `"120000.00"` → `"120,000.00"`. */
export function formatMoney(text) {
  if (typeof text !== 'string') return '';
  const m = text.match(/^(-?)(\d+)(\.\d+)?$/);
  if (!m) return text;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}

/**
 * The turn order of a slot's rotating assignments, read from the plan's ordinals: planned
 * sessions `[{ ordinal, tutorId }]` claimed by one ROUND_ROBIN or CONSECUTIVE_DAYS group
 * (ordinal not null). The cycle is the shortest period `p` under which every observed
 * ordinal `k` gives the same tutor as every other `k' ≡ k (mod p)`; the turns are listed from
 * `k mod p = 0`. `{ cycle: [tutorId...], complete }`, `complete` false when the window does
 * not show every turn of the cycle and one repetition (then `cycle` is the order seen).
 */
export function rotationOf(turns) {
  const sorted = [...turns].sort((a, b) => a.ordinal - b.ordinal);
  if (sorted.length === 0) return { cycle: [], complete: false };
  const span = sorted.at(-1).ordinal - sorted[0].ordinal + 1;
  for (let p = 1; p <= span; p++) {
    const byResidue = new Map();
    let consistent = true;
    for (const { ordinal, tutorId } of sorted) {
      const r = ((ordinal % p) + p) % p;
      if (byResidue.has(r) && byResidue.get(r) !== tutorId) {
        consistent = false;
        break;
      }
      byResidue.set(r, tutorId);
    }
    if (!consistent) continue;
    if (byResidue.size === p && sorted.length > p) {
      return { cycle: Array.from({ length: p }, (_, r) => byResidue.get(r)), complete: true };
    }
    break;
  }
  const seen = [];
  for (const { tutorId } of sorted) if (!seen.includes(tutorId)) seen.push(tutorId);
  return { cycle: seen, complete: false };
}

/**
 * The calendar of a plan: a row per Monday–Sunday week (in the class's zone) that the window
 * touches, a column per slot.
 * `{ weeks: [{ label, monday }], columns: [{ slot, cells: [[item...] per week], rotation, next }] }`;
 * an item is `{ kind: 'create'|'existing'|'move'|'conflict'|'skipped', start, end, ... }`.
 * A window of `weeks` × 7 days that does not start on a Monday at midnight touches one more
 * calendar week than `weeks`: an edge week holding no session is then left out, so a window
 * starting on Monday 08:00 has exactly `weeks` rows.
 */
export function calendarOf(plan, state, input) {
  const zone = input.snapshot.classes[0]?.timezone || input.options.defaultTimezone || 'UTC';
  const fmt = formatter(zone);
  const start = Date.parse(plan.window.start);
  const end = Date.parse(plan.window.end);
  const firstMonday = mondayOf(fmt.localDay(start));
  const count = (mondayOf(fmt.localDay(end - 1)) - firstMonday) / 7 + 1;
  let weeks = Array.from({ length: count }, (_, i) => {
    const monday = firstMonday + 7 * i;
    return { monday, label: `${fmt.dayLabel(monday)} – ${fmt.dayLabel(monday + 6)}` };
  });
  const tutorName = new Map(state.tutors.map((t) => [t.id, t.name || t.id]));
  const nameOf = (id) => (id == null ? null : (tutorName.get(id) ?? id));
  const rows = new Map((input.existing ?? []).filter((r) => r && typeof r === 'object').map((r) => [r.id, r]));
  const patternOf = new Map(input.snapshot.tutorAssignments.map((a) => [a.id, a.recurrencePattern]));
  const reasonOf = new Map(input.snapshot.slotCancellations.map((c) => [c.id, c.reason]));

  let columns = input.snapshot.timeSlots.map((slot) => ({
    slot,
    cells: weeks.map(() => []),
  }));
  const byId = new Map(columns.map((c) => [c.slot.id, c]));
  const place = (timeSlotId, instant, item) => {
    const column = byId.get(timeSlotId);
    if (!column) return;
    const w = (mondayOf(fmt.localDay(instant)) - firstMonday) / 7;
    if (w >= 0 && w < count) column.cells[w].push(item);
  };
  const when = (s, e) => ({ day: fmt.day(s), time: e ? `${fmt.time(s)}–${fmt.time(e)}` : fmt.time(s) });

  for (const c of plan.create) {
    place(c.timeSlotId, c.scheduledStart, {
      kind: 'create',
      start: c.scheduledStart,
      ...when(c.scheduledStart, c.scheduledEnd),
      tutorId: c.tutorId,
      tutor: nameOf(c.tutorId),
      status: c.status,
      price: c.price,
      ordinal: c.ordinal,
      assignmentId: c.assignmentId,
      pattern: c.assignmentId ? patternOf.get(c.assignmentId) : null,
    });
  }
  for (const x of plan.existing) {
    const row = rows.get(x.sessionId) ?? {};
    place(x.timeSlotId, x.scheduledStart, {
      kind: 'existing',
      start: x.scheduledStart,
      ...when(x.scheduledStart, row.scheduledEnd),
      sessionId: x.sessionId,
      tutorId: row.tutorId ?? null,
      tutor: nameOf(row.tutorId ?? null),
      status: row.status ?? null,
      price: row.price ?? null,
    });
  }
  for (const m of plan.moves ?? []) {
    const row = rows.get(m.sessionId) ?? {};
    place(m.timeSlotId, m.scheduledStart, {
      kind: 'move',
      start: m.scheduledStart,
      ...when(m.scheduledStart, m.scheduledEnd),
      sessionId: m.sessionId,
      from: when(m.fromStart, m.fromEnd),
      tutorId: row.tutorId ?? null,
      tutor: nameOf(row.tutorId ?? null),
      status: row.status ?? null,
      price: row.price ?? null,
    });
  }
  for (const k of plan.conflicts) {
    const row = rows.get(k.sessionId) ?? {};
    place(k.timeSlotId, k.scheduledStart, {
      kind: 'conflict',
      start: k.scheduledStart,
      ...when(k.scheduledStart, k.scheduledEnd),
      conflict: k.kind,
      sessionId: k.sessionId,
      detail: k.detail,
      stored: row.scheduledStart ? when(row.scheduledStart, row.scheduledEnd) : null,
      tutorId: row.tutorId ?? null,
      tutor: nameOf(row.tutorId ?? null),
      status: row.status ?? null,
    });
  }
  for (const s of plan.skipped) {
    place(s.timeSlotId, s.scheduledStart, {
      kind: 'skipped',
      start: s.scheduledStart,
      ...when(s.scheduledStart),
      cancellationId: s.cancellationId,
      reason: reasonOf.get(s.cancellationId) ?? null,
    });
  }

  // Leave out the edge weeks the window only grazes when they hold nothing.
  const empty = (w) => columns.every((c) => c.cells[w].length === 0);
  const wanted = Math.round((end - start) / WEEK_MS);
  let first = 0;
  let last = weeks.length - 1;
  if (last - first + 1 > wanted && empty(last)) last--;
  if (last - first + 1 > wanted && empty(first)) first++;
  weeks = weeks.slice(first, last + 1);
  columns = columns.map((c) => ({ ...c, cells: c.cells.slice(first, last + 1) }));

  for (const column of columns) {
    const items = column.cells.flat().sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    // One turn order per rotating pattern claiming in this slot (usually one).
    column.rotations = [];
    for (const pattern of ['ROUND_ROBIN', 'CONSECUTIVE_DAYS']) {
      const turns = items.filter((i) => i.kind === 'create' && i.ordinal != null && i.pattern === pattern);
      if (turns.length === 0) continue;
      const { cycle, complete } = rotationOf(turns);
      column.rotations.push({ pattern, names: cycle.map((id) => nameOf(id) ?? 'unassigned'), complete });
    }
    const next = items.find((i) => i.kind === 'create' || i.kind === 'existing' || i.kind === 'move');
    column.next = next ? { tutor: next.tutor ?? 'unassigned', day: next.day, time: next.time, existing: next.kind !== 'create' } : null;
    column.error = plan.errors.find((e) => e.timeSlotId === column.slot.id)?.message ?? null;
    column.warnings = plan.warnings
      .filter((w) => w.timeSlotId === column.slot.id && (w.code === 'TUTOR_DOUBLE_BOOKED' || w.code === 'TUTOR_UNAVAILABLE'))
      .map((w) => `${nameOf(w.tutorId)}: ${w.code === 'TUTOR_DOUBLE_BOOKED' ? 'booked on overlapping sessions' : 'not available for a session'}`);
    column.assignments = input.snapshot.tutorAssignments
      .filter((a) => a.isActive && (a.timeSlotId === column.slot.id || (a.timeSlotId === null && a.subject === column.slot.subject)))
      .map((a) => `${nameOf(a.tutorId)} (${a.recurrencePattern})`);
  }
  return { zone, weeks, columns };
}
