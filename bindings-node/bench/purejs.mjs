// A pure-JS implementation of the rules the benchmark input exercises, written as a careful
// TypeScript service would: weekly expansion in the class's zone with DST through
// Intl.DateTimeFormat (the compatible rule: a gap moves forward, an overlap takes the
// earlier instant), ROUND_ROBIN rotation by ordinal from the group's anchor, exact prices in
// BigInt cents (half away from zero), and the diff against existing sessions. It builds the
// same `create` objects as the addon's plan; bench/plan.mjs checks that before timing.
// It is not a general implementation: no cancellations, other patterns, bounds, or tutor checks.

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const formats = new Map();

function format(zone) {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The zone's UTC offset in ms at instant `t`. */
export function offsetAt(zone, t) {
  const p = {};
  for (const { type, value } of format(zone).formatToParts(new Date(t))) p[type] = value;
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/** The instant of a wall time (`date` a UTC midnight standing for the local date, plus
 * `minutes`) by the compatible rule; `gap` tells whether it fell in a gap. */
export function resolve(zone, date, minutes) {
  const wall = date + minutes * 60_000;
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const a = wall - before, b = wall - after;
  const aOk = offsetAt(zone, a) === before, bOk = offsetAt(zone, b) === after;
  if (aOk && bOk) return { t: Math.min(a, b), gap: false };
  if (aOk) return { t: a, gap: false };
  if (bOk) return { t: b, gap: false };
  return { t: a, gap: true };
}

export function localToUtc(zone, date, minutes) {
  return resolve(zone, date, minutes).t;
}

/** The local calendar date (as a UTC midnight) of instant `t`. */
function localDate(zone, t) {
  const wall = t + offsetAt(zone, t);
  return wall - (((wall % DAY) + DAY) % DAY);
}

const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A decimal string as [BigInt units, scale]. */
function decimal(text) {
  const s = String(text);
  const dot = s.indexOf('.');
  if (dot < 0) return [BigInt(s), 0];
  return [BigInt(s.slice(0, dot) + s.slice(dot + 1)), s.length - dot - 1];
}

/** rate × minutes × members / 60, rounded half away from zero to cents, as "1234.50". */
export function price(rate, minutes, members) {
  const [units, scale] = decimal(rate);
  const num = units * BigInt(minutes) * BigInt(members) * 100n;
  const den = 60n * 10n ** BigInt(scale);
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let cents = abs / den;
  if ((abs % den) * 2n >= den) cents += 1n;
  const text = cents.toString().padStart(3, '0');
  return `${neg && cents > 0n ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

const overlaps = (aStart, aEnd, bStart, bEnd) => (aStart < bEnd && bStart < aEnd) || aStart === bStart;

/** The `create` list of the plan for `snapshot` and `options`. */
export function planCreates(snapshot, options) {
  const now = Math.floor(Date.parse(options.now));
  const end = now + options.weeks * WEEK;
  const rates = new Map();
  for (const t of snapshot.tutors ?? []) if (!rates.has(t.id)) rates.set(t.id, String(t.hourlyRate));
  const bySlot = new Map();
  for (const a of snapshot.tutorAssignments ?? []) {
    if (!a.isActive || a.status !== 'ACCEPTED' || a.recurrencePattern !== 'ROUND_ROBIN') continue;
    const list = bySlot.get(a.timeSlotId) ?? [];
    list.push(a);
    bySlot.set(a.timeSlotId, list);
  }
  for (const list of bySlot.values()) {
    list.sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
  const existingByClass = new Map();
  for (const e of snapshot.existingSessions ?? []) {
    const list = existingByClass.get(e.classId) ?? [];
    list.push({ start: Date.parse(e.scheduledStart), end: Date.parse(e.scheduledEnd), subject: e.subject, status: e.status });
    existingByClass.set(e.classId, list);
  }
  const slotsByClass = new Map();
  for (const s of snapshot.timeSlots ?? []) {
    const list = slotsByClass.get(s.classId) ?? [];
    list.push(s);
    slotsByClass.set(s.classId, list);
  }
  const create = [];
  for (const c of snapshot.classes ?? []) {
    if (!c.isActive) continue;
    const zone = c.timezone ?? options.defaultTimezone ?? 'UTC';
    const members = Math.max(c.memberCount ?? 0, 1);
    const existing = (existingByClass.get(c.id) ?? []).sort((x, y) => x.start - y.start);
    const longest = existing.reduce((m, e) => Math.max(m, e.end - e.start), 0);
    const firstDate = localDate(zone, now) - DAY;
    const lastDate = localDate(zone, end) + DAY;
    for (const slot of slotsByClass.get(c.id) ?? []) {
      if (!slot.isActive) continue;
      const startMin = minutesOf(slot.startTime), endMin = minutesOf(slot.endTime);
      const nominal = endMin > startMin ? endMin - startMin : endMin + 1440 - startMin;
      const weekday = slot.dayOfWeek;
      const group = bySlot.get(slot.id) ?? [];
      let first = null;
      if (group.length > 0) {
        const anchor = Math.min(...group.map((a) => localDate(zone, Date.parse(a.createdAt))));
        first = anchor + ((weekday - new Date(anchor).getUTCDay() + 7) % 7) * DAY;
      }
      let date = firstDate + ((weekday - new Date(firstDate).getUTCDay() + 7) % 7) * DAY;
      for (; date <= lastDate; date += WEEK) {
        const start = resolve(zone, date, startMin);
        if (start.t < now || start.t >= end) continue;
        const endT = start.gap ? start.t + nominal * 60_000 : resolve(zone, endMin > startMin ? date : date + DAY, endMin).t;
        // Diff: any existing session of the class overlapping this occurrence means nothing to create.
        let lo = 0, hi = existing.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (existing[mid].start < start.t - longest) lo = mid + 1; else hi = mid;
        }
        let clash = false;
        for (let i = lo; i < existing.length && existing[i].start <= endT; i++) {
          if (overlaps(start.t, endT, existing[i].start, existing[i].end)) { clash = true; break; }
        }
        if (clash) continue;
        let tutorId = null, assignmentId = null, ordinal = null;
        if (first !== null) {
          const k = Math.round((date - first) / WEEK);
          const a = group[((k % group.length) + group.length) % group.length];
          assignmentId = a.id;
          ordinal = k;
          tutorId = rates.has(a.tutorId) ? a.tutorId : null;
        }
        const rate = tutorId !== null ? rates.get(tutorId) : c.defaultHourlyRate;
        create.push({
          classId: c.id, timeSlotId: slot.id, subject: slot.subject,
          scheduledStart: new Date(start.t).toISOString(), scheduledEnd: new Date(endT).toISOString(),
          tutorId, assignmentId, status: tutorId !== null ? 'CONFIRMED' : 'PENDING',
          price: rate == null ? '0.00' : price(rate, nominal, members), ordinal,
        });
      }
    }
  }
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  create.sort((x, y) => cmp(x.classId, y.classId) || cmp(x.scheduledStart, y.scheduledStart) || cmp(x.timeSlotId, y.timeSlotId));
  return create;
}
