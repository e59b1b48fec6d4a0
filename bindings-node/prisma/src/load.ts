// Reading a snapshot (SPEC §2) for a set of classes with a fixed number of findMany calls,
// whatever the number of slots or sessions: what each snapshot field is read from in the
// platform's schema is in bindings-node/README.md ("Plan the platform's rows").
import type { Snapshot } from '../../index';
import type { SessionDb } from './types';

const DAY = 86_400_000;
/** Existing sessions this far around the window are loaded: they may overlap its edges. */
const MARGIN = 2 * DAY;

/** Which classes to load (any number: the ids are bound as one array parameter per query). */
export interface Scope {
  classIds: string[];
  /**
   * Only the scoped classes' own sessions created before this instant (their `createdAt`):
   * the classes as they stood before a run that has since written to them, so that their
   * plan gives again the `create` entries of those rows (`maintainSessionWindow`'s earlier
   * side of a double booking across batches).
   */
  createdBefore?: Date;
  /**
   * Existing sessions without `price` and `cancellationReason`, which `plan` does not read
   * (only the cascades and the repricing do): no `Decimal` per row for the daily job.
   */
  forPlan?: boolean;
}

/** A snapshot of the scoped classes, with existing sessions around `[from, to)`. */
export interface Loaded {
  snapshot: Snapshot;
  /** Loaded class ids (the scope's ids that exist). */
  classIds: string[];
}

const subjectOf = (slot: { levelSubject?: { subject?: { name: string } | null } | null; streamSubject?: { subject?: { name: string } | null } | null }) =>
  slot.levelSubject?.subject?.name ?? slot.streamSubject?.subject?.name ?? 'Unknown';

const PLAN_SESSION_SELECT = {
  id: true, classId: true, tutorId: true, subject: true, scheduledStart: true, scheduledEnd: true, status: true,
} as const;
const SESSION_SELECT = { ...PLAN_SESSION_SELECT, price: true, cancellationReason: true } as const;

/**
 * Loads the scoped classes: classes, slots, cancellations, assignments and the classes'
 * sessions around the window in parallel, then the assigned tutors' rates, availability and
 * sessions in other classes (for double-booking checks): 8 findMany calls in all.
 */
export async function readSnapshot(db: SessionDb, scope: Scope, from: Date, to: Date): Promise<Loaded> {
  const classes = await db.class.findMany({
    where: { id: { in: scope.classIds } },
    select: {
      id: true, name: true, isActive: true,
      creator: { select: { country: { select: { timezone: true } } } },
      _count: { select: { members: { where: { isActive: true } } } },
    },
  });
  const classIds = classes.map((c) => c.id as string);
  const window = { gte: new Date(from.getTime() - MARGIN), lt: new Date(to.getTime() + MARGIN) };
  const sessionSelect = scope.forPlan ? PLAN_SESSION_SELECT : SESSION_SELECT;
  const [slots, cancellations, assignments, sessions] = await Promise.all([
    db.classTimeSlot.findMany({
      where: { classId: { in: classIds } },
      select: {
        id: true, classId: true, dayOfWeek: true, startTime: true, endTime: true, isActive: true, createdAt: true,
        levelSubject: { select: { subject: { select: { name: true } } } },
        streamSubject: { select: { subject: { select: { name: true } } } },
      },
    }),
    db.classSlotCancellation.findMany({
      where: { timeSlot: { classId: { in: classIds } } },
      select: { id: true, timeSlotId: true, weekStart: true, reason: true },
    }),
    db.classTutorAssignment.findMany({
      where: { classId: { in: classIds } },
      select: {
        id: true, classId: true, timeSlotId: true, subject: true, tutorId: true, recurrencePattern: true,
        recurrenceConfig: true, startDate: true, endDate: true, status: true, isActive: true, createdAt: true,
      },
    }),
    db.tutoringSession.findMany({
      where: {
        classId: { in: classIds }, scheduledStart: { lt: window.lt }, scheduledEnd: { gte: window.gte },
        ...(scope.createdBefore ? { createdAt: { lt: scope.createdBefore } } : {}),
      },
      select: sessionSelect,
    }),
  ]);
  const tutorIds = [...new Set(assignments.map((a) => a.tutorId as string))];
  const [profiles, availability, otherSessions] = await Promise.all([
    db.tutorProfile.findMany({ where: { userId: { in: tutorIds } }, select: { userId: true, hourlyRate: true } }),
    db.tutorAvailability.findMany({
      where: { tutorId: { in: tutorIds } },
      select: { tutorId: true, dayOfWeek: true, specificDate: true, startTime: true, endTime: true, isRecurring: true, isActive: true },
    }),
    db.tutoringSession.findMany({
      where: { tutorId: { in: tutorIds }, classId: { notIn: classIds }, scheduledStart: { lt: window.lt }, scheduledEnd: { gte: window.gte } },
      select: sessionSelect,
    }),
  ]);
  const availabilityOf = new Map<string, unknown[]>();
  for (const a of availability) {
    const list = availabilityOf.get(a.tutorId) ?? [];
    list.push({ dayOfWeek: a.dayOfWeek, specificDate: a.specificDate, startTime: a.startTime, endTime: a.endTime, isRecurring: a.isRecurring, isActive: a.isActive });
    availabilityOf.set(a.tutorId, list);
  }
  const snapshot = {
    classes: classes.map((c) => ({
      id: c.id, name: c.name, isActive: c.isActive,
      timezone: c.creator?.country?.timezone ?? null,
      memberCount: c._count.members,
      defaultHourlyRate: null,
    })),
    timeSlots: slots.map((s) => ({
      id: s.id, classId: s.classId, subject: subjectOf(s), dayOfWeek: s.dayOfWeek,
      startTime: s.startTime, endTime: s.endTime, isActive: s.isActive, createdAt: s.createdAt,
    })),
    slotCancellations: cancellations,
    tutorAssignments: assignments,
    tutors: profiles.map((p) => ({ id: p.userId, hourlyRate: p.hourlyRate, availability: availabilityOf.get(p.userId) ?? [] })),
    existingSessions: [...sessions, ...otherSessions],
  } as Snapshot;
  return { snapshot, classIds };
}
