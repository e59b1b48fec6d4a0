// The benchmark's snapshot, mirroring core/tests/support/fixture.rs: `classes` classes ×
// `slots` weekly slots, 3 ROUND_ROBIN assignments per slot, 10% of the occurrences already
// stored as existing sessions. Unlike the Rust fixture, half the classes are in zones with
// daylight-saving time (Paris, New York), so the weekly expansion crosses DST changes; tutors
// declare no availability (R26 is not among the rules the pure-JS version implements).
import { localToUtc } from './purejs.mjs';

const ZONES = ['Africa/Douala', 'Europe/Paris', 'Africa/Dakar', 'America/New_York'];
const SUBJECTS = ['Mathématiques', 'Physique', 'Chimie', 'Anglais', 'Français'];

/** Options: `now` is Monday 2027-01-04 00:00Z. */
export function options(weeks) {
  return { now: '2027-01-04T00:00:00.000Z', weeks, defaultTimezone: 'UTC' };
}

const pad = (n, w) => String(n).padStart(w, '0');

/** The snapshot; `weeks` of existing sessions are generated from `now`. */
export function largeSnapshot(classes, slots, assignments = 3, existingShare = 0.1, weeks = 52) {
  const tutors = classes * 4;
  const tutorRows = [];
  for (let t = 0; t < tutors; t++) {
    tutorRows.push({ id: `t${pad(t, 5)}`, hourlyRate: `${2000 + (t % 7) * 500}.50`, availability: [] });
  }
  const every = Math.round(1 / existingShare);
  const classRows = [], slotRows = [], assignmentRows = [], existing = [];
  let n = 0;
  for (let c = 0; c < classes; c++) {
    const classId = `c${pad(c, 4)}`;
    const zone = ZONES[c % ZONES.length];
    classRows.push({ id: classId, name: `Classe ${c}`, isActive: true, timezone: zone, memberCount: 5 + (c % 20), defaultHourlyRate: null });
    for (let s = 0; s < slots; s++) {
      const day = s % 7;
      const hour = 7 + (Math.floor(s / 7) % 12);
      const id = `${classId}s${pad(s, 2)}`;
      const subject = SUBJECTS[s % SUBJECTS.length];
      slotRows.push({ id, classId, subject, dayOfWeek: day, startTime: `${pad(hour, 2)}:00`, endTime: `${pad(hour, 2)}:50`, isActive: true, createdAt: '2026-09-01T08:00:00.000Z' });
      for (let a = 0; a < assignments; a++) {
        assignmentRows.push({ id: `${id}a${a}`, classId, timeSlotId: id, subject, tutorId: `t${pad((c * 4 + a + s) % tutors, 5)}`,
          recurrencePattern: 'ROUND_ROBIN', recurrenceConfig: null, startDate: null, endDate: null, status: 'ACCEPTED', isActive: true,
          createdAt: `2026-09-0${a + 1}T08:00:00.000Z` });
      }
      // 2027-01-04 is a Monday; the slot's date in week w, as a UTC calendar date.
      for (let w = 0; w < weeks; w++) {
        n++;
        if (n % every !== 0) continue;
        const date = Date.UTC(2027, 0, 4 + w * 7 + ((day + 6) % 7));
        const start = localToUtc(zone, date, hour * 60);
        const end = localToUtc(zone, date, hour * 60 + 50);
        existing.push({ id: `e${pad(n, 7)}`, classId, tutorId: null, subject, scheduledStart: new Date(start).toISOString(),
          scheduledEnd: new Date(end).toISOString(), status: 'PENDING', price: '0.00', cancellationReason: null });
      }
    }
  }
  return { classes: classRows, timeSlots: slotRows, slotCancellations: [], tutorAssignments: assignmentRows, tutors: tutorRows, existingSessions: existing };
}
