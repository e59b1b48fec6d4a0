// The preview's seed: one class in Douala with three tutors, as a class creator would set it
// up. Every value is a string as typed in the form; model.js turns it into a snapshot.

const existing = [
  {
    id: 'e-maths-1130',
    classId: 'c-tle-c',
    tutorId: 't-jp',
    subject: 'Mathématiques',
    scheduledStart: '2026-11-30T13:00:00.000Z',
    scheduledEnd: '2026-11-30T15:00:00.000Z',
    status: 'CONFIRMED',
    price: '108000.00',
    cancellationReason: null,
  },
  {
    id: 'e-phys-1202',
    classId: 'c-tle-c',
    tutorId: 't-chantal',
    subject: 'Physique-Chimie',
    scheduledStart: '2026-12-02T08:00:00.000Z',
    scheduledEnd: '2026-12-02T10:00:00.000Z',
    status: 'PENDING',
    price: '0.00',
    cancellationReason: null,
  },
];

/** A fresh copy of the example. */
export function example() {
  return {
    now: '2026-11-30T08:00:00+01:00',
    weeks: '6',
    currency: 'XAF',
    klass: {
      id: 'c-tle-c',
      name: 'Terminale C',
      timezone: 'Africa/Douala',
      memberCount: '12',
      defaultHourlyRate: '2500.00',
    },
    tutors: [
      { id: 't-awa', name: 'Awa Ngono', hourlyRate: '5000.00' },
      { id: 't-jp', name: 'Jean-Paul Mbarga', hourlyRate: '4500.00' },
      { id: 't-chantal', name: 'Chantal Eyenga', hourlyRate: '4000.00' },
    ],
    slots: [
      { id: 's-maths', subject: 'Mathématiques', dayOfWeek: '1', startTime: '14:00', endTime: '16:00', active: true },
      { id: 's-phys', subject: 'Physique-Chimie', dayOfWeek: '3', startTime: '10:00', endTime: '12:00', active: true },
      { id: 's-angl', subject: 'Anglais', dayOfWeek: '6', startTime: '09:00', endTime: '10:30', active: true },
    ],
    // In this order: the order decides which assignment is asked first (createdAt, then id).
    assignments: [
      { id: 'a-maths-awa', target: 'slot:s-maths', tutorId: 't-awa', pattern: 'ROUND_ROBIN', config: '', startDate: '', endDate: '', active: true },
      { id: 'a-maths-jp', target: 'slot:s-maths', tutorId: 't-jp', pattern: 'ROUND_ROBIN', config: '', startDate: '', endDate: '', active: true },
      { id: 'a-phys-chantal', target: 'slot:s-phys', tutorId: 't-chantal', pattern: 'CONSECUTIVE_DAYS', config: '{"consecutiveDays": 2}', startDate: '', endDate: '', active: true },
      { id: 'a-phys-jp', target: 'slot:s-phys', tutorId: 't-jp', pattern: 'CONSECUTIVE_DAYS', config: '{"consecutiveDays": 1}', startDate: '', endDate: '', active: true },
      { id: 'a-angl-awa', target: 'slot:s-angl', tutorId: 't-awa', pattern: 'WEEKLY', config: '{"pattern": "alternating", "startWeek": 1}', startDate: '2026-12-05', endDate: '', active: true },
      { id: 'a-angl-chantal', target: 'slot:s-angl', tutorId: 't-chantal', pattern: 'ROUND_ROBIN', config: '', startDate: '', endDate: '', active: true },
    ],
    cancellations: [
      { id: 'x-noel-maths', slotId: 's-maths', week: '2026-12-21', reason: 'Vacances de Noël' },
      { id: 'x-noel-phys', slotId: 's-phys', week: '2026-12-21', reason: 'Vacances de Noël' },
    ],
    existingText: JSON.stringify(existing, null, 2),
    // The zone the old TypeScript generator ran in, for classes whose sessions it wrote; empty = off.
    legacyTimezone: '',
  };
}
