// The benchmark snapshot of core/tests/support/fixture.rs, ported line for line so the
// WebAssembly figures sit next to `cargo bench -p genova-sessions-core --bench plan`:
// `classes` × `slots` weekly slots, `assignments` ROUND_ROBIN assignments per slot, about
// `existingShare` of the next 52 weeks' occurrences stored as existing sessions, half the
// tutors with weekly and one-time availability. Runs in Node and in the browser.

const ZONES = ['Africa/Douala', 'Africa/Dakar', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe'];
const SUBJECTS = ['Mathématiques', 'Physique', 'Chimie', 'Anglais', 'Français'];
const pad = (n, width) => String(n).padStart(width, '0');

/** The fixture's options: `now` is Monday 2027-01-04 00:00Z. */
export function options(weeks) {
  return { now: '2027-01-04T00:00:00.000Z', weeks, defaultTimezone: 'UTC' };
}

/** `2027-01-04T00:00Z + days + hours + minutes` as an RFC 3339 string with milliseconds. */
function at(days, hours, minutes = 0) {
  return new Date(Date.UTC(2027, 0, 4) + ((days * 24 + hours) * 60 + minutes) * 60_000).toISOString();
}

export function largeSnapshot(classes, slots, assignments, existingShare) {
  const classRows = [];
  const slotRows = [];
  const assignmentRows = [];
  const tutorRows = [];
  const existing = [];
  const tutors = classes * 4;
  for (let t = 0; t < tutors; t++) {
    let availability = [];
    if (t % 2 === 0) {
      availability = Array.from({ length: 7 }, (_, d) => ({ dayOfWeek: d, specificDate: null, startTime: '07:00', endTime: '20:00', isRecurring: true, isActive: true }));
      availability.push({ dayOfWeek: null, specificDate: '2027-03-10T00:00:00.000Z', startTime: '08:00', endTime: '12:00', isRecurring: false, isActive: true });
    }
    tutorRows.push({ id: `t${pad(t, 5)}`, hourlyRate: `${2000 + (t % 7) * 500}.50`, availability });
  }
  const every = existingShare > 0 ? Math.round(1 / existingShare) : Infinity;
  let n = 0;
  for (let c = 0; c < classes; c++) {
    const zone = ZONES[c % 2];
    const offsetHours = zone === 'Africa/Douala' ? 1 : 0;
    const classId = `c${pad(c, 4)}`;
    classRows.push({ id: classId, name: `Classe ${c}`, isActive: true, timezone: zone, memberCount: 5 + (c % 20), defaultHourlyRate: null });
    for (let s = 0; s < slots; s++) {
      const day = s % 7;
      const hour = 7 + (Math.floor(s / 7) % 12);
      const id = `${classId}s${pad(s, 2)}`;
      const subject = SUBJECTS[s % SUBJECTS.length];
      slotRows.push({ id, classId, subject, dayOfWeek: day, startTime: `${pad(hour, 2)}:00`, endTime: `${pad(hour, 2)}:50`, isActive: true, createdAt: '2026-09-01T08:00:00.000Z' });
      for (let a = 0; a < assignments; a++) {
        assignmentRows.push({
          id: `${id}a${a}`, classId, timeSlotId: id, subject, tutorId: `t${pad((c * 4 + a + s) % tutors, 5)}`,
          recurrencePattern: 'ROUND_ROBIN', recurrenceConfig: null, startDate: null, endDate: null,
          status: 'ACCEPTED', isActive: true, createdAt: `2026-09-0${a + 1}T08:00:00.000Z`,
        });
      }
      for (let w = 0; w < 52; w++) {
        n++;
        if (n % every !== 0) continue;
        const days = w * 7 + ((day + 6) % 7);
        existing.push({
          id: `e${pad(n, 7)}`, classId, tutorId: null, subject,
          scheduledStart: at(days, hour - offsetHours), scheduledEnd: at(days, hour - offsetHours, 50),
          status: 'PENDING', price: '0.00', cancellationReason: null,
        });
      }
    }
  }
  return { classes: classRows, timeSlots: slotRows, slotCancellations: [], tutorAssignments: assignmentRows, tutors: tutorRows, existingSessions: existing };
}
