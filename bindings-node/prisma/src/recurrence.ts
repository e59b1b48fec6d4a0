// The recurrence-pattern service (recurrence-pattern.service.ts: getNextTutor, applyPattern)
// and the time-slot preview routes' computation, answered by the core's plan: the same tutor
// the generator gives the same occurrence, whether it is stored or not, in the class's zone.
import * as native from '../../index';
import type { Plan, Snapshot, TutorAssignment } from '../../index';
import { NotFoundError } from './errors';
import { readSnapshot } from './load';
import type { SessionDb, SessionGeneratorOptions } from './types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** A `ClassTutorAssignment` row as Prisma returns it, or a proposed one not saved yet. */
export type TutorAssignmentInput = TutorAssignment;

/** One previewed week of a slot, as the time-slot routes return it. */
export interface SessionPreview {
  /** Monday 00:00 of the occurrence's week, in the class's zone. */
  weekStart: Date;
  /** The occurrence's start. */
  sessionDate: Date;
  /** The tutor the patterns give it; `null` when none claims it or the week is cancelled. */
  tutorId: string | null;
  /** "First Last", or `"Unassigned"` (also for a cancelled week). */
  tutorName: string;
  /** The week is cancelled (`class_slot_cancellations`): no session will be generated. */
  cancelled: boolean;
}

/** Options of `previewTimeSlot`. */
export interface PreviewOptions {
  /**
   * Proposed assignments of the class, not saved: they replace the class's stored ones for
   * this preview (pass the whole list as it would be saved).
   */
  assignments?: TutorAssignmentInput[];
}

/** The recurrence-pattern service, bound to a PrismaClient. */
export interface RecurrencePatternService {
  /** The tutor of `timeSlotId`'s occurrence starting at `sessionDate` under `assignments` (the class's, saved or not); `null` when none claims it. */
  getNextTutor(timeSlotId: string, sessionDate: Date, assignments: TutorAssignmentInput[]): Promise<string | null>;
  /** Session id → tutor id for the sessions that are occurrences of a slot of their class and that `assignments` give a tutor. */
  applyPattern(sessions: SessionLike[], assignments: TutorAssignmentInput[]): Promise<Map<string, string>>;
  /** The next `weeksAhead` weeks of a slot from now: dates and tutors, computed by `plan`. */
  previewTimeSlot(classId: string, timeSlotId: string, weeksAhead: number, options?: PreviewOptions): Promise<SessionPreview[]>;
}

/** The fields of a `TutoringSession` that `applyPattern` reads. */
export interface SessionLike {
  id: string;
  classId: string;
  subject: string;
  scheduledStart: Date | string;
  scheduledEnd: Date | string;
}

/** Options of `createRecurrencePatternService`. */
export interface RecurrencePatternOptions extends Pick<SessionGeneratorOptions, 'defaultTimezone' | 'now'> {
  /** Display names of tutors (users.id → "First Last"); by default read from `users.firstName`/`lastName`. */
  tutorNames?: (tutorIds: string[]) => Promise<Map<string, string>> | Map<string, string>;
}

/** Builds the recurrence-pattern service on `prisma`. */
export function createRecurrencePatternService(prisma: SessionDb, options: RecurrencePatternOptions = {}): RecurrencePatternService {
  const db = prisma;
  const clock = options.now ?? (() => new Date());
  const defaultTimezone = options.defaultTimezone ?? 'UTC';

  /**
   * The class's snapshot for `[from, to)`, with `assignments` (when given) in place of its
   * stored ones and their tutors' rates read; no existing sessions (every occurrence is
   * planned as if none were stored) and its slots and class active (the question is how the
   * pattern falls, not whether the generator runs).
   */
  async function snapshotFor(classId: string, from: Date, to: Date, assignments?: TutorAssignmentInput[], onlySlot?: string): Promise<Snapshot> {
    const { snapshot, classIds } = await readSnapshot(db, { classIds: [classId] }, from, to);
    if (classIds.length === 0) throw new NotFoundError(`class ${classId} not found`);
    snapshot.classes = (snapshot.classes ?? []).map((c) => ({ ...c, isActive: true }));
    snapshot.timeSlots = (snapshot.timeSlots ?? []).filter((s) => !onlySlot || s.id === onlySlot).map((s) => ({ ...s, isActive: true }));
    snapshot.existingSessions = [];
    if (assignments) {
      snapshot.tutorAssignments = assignments.filter((a) => a.classId === classId);
      const known = new Set((snapshot.tutors ?? []).map((t) => t.id));
      const missing = [...new Set(snapshot.tutorAssignments.map((a) => a.tutorId))].filter((t) => !known.has(t));
      if (missing.length > 0) {
        const profiles = await db.tutorProfile.findMany({ where: { userId: { in: missing } }, select: { userId: true, hourlyRate: true } });
        snapshot.tutors = [...(snapshot.tutors ?? []), ...profiles.map((p) => ({ id: p.userId, hourlyRate: p.hourlyRate, availability: [] }))];
      }
    }
    return snapshot;
  }

  const plan = (snapshot: Snapshot, now: Date, weeks: number): Plan => native.plan(snapshot, { now, weeks, defaultTimezone });

  async function slotRow(timeSlotId: string) {
    const [slot] = await db.classTimeSlot.findMany({ where: { id: timeSlotId }, select: { id: true, classId: true } });
    if (!slot) throw new NotFoundError(`time slot ${timeSlotId} not found`);
    return slot as { id: string; classId: string };
  }

  async function getNextTutor(timeSlotId: string, sessionDate: Date, assignments: TutorAssignmentInput[]): Promise<string | null> {
    const slot = await slotRow(timeSlotId);
    const at = sessionDate.getTime();
    const from = new Date(at - 3 * DAY);
    const snapshot = await snapshotFor(slot.classId, from, new Date(at + 4 * DAY), assignments, timeSlotId);
    const result = plan(snapshot, from, 1);
    // The occurrence starting at `sessionDate`; else the slot's nearest one within a day
    // (a row the old generator stored at server time, SPEC §3.9).
    const near = result.create
      .map((c) => ({ c, off: Math.abs(Date.parse(c.scheduledStart) - at) }))
      .filter((x) => x.off < DAY)
      .sort((a, b) => a.off - b.off)[0];
    return near?.c.tutorId ?? null;
  }

  async function applyPattern(sessions: SessionLike[], assignments: TutorAssignmentInput[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const byClass = new Map<string, SessionLike[]>();
    for (const s of sessions) byClass.set(s.classId, [...(byClass.get(s.classId) ?? []), s]);
    for (const [classId, list] of byClass) {
      const starts = list.map((s) => new Date(s.scheduledStart).getTime());
      const first = Math.min(...starts);
      const last = Math.max(...starts);
      const snapshot = await snapshotFor(classId, new Date(first), new Date(last + DAY), assignments);
      const tutorOf = new Map<string, string | null>();
      // Windows of at most 52 weeks from the first session to past the last.
      for (let now = first; now <= last; now += 52 * WEEK) {
        const weeks = Math.min(52, Math.floor((last - now) / WEEK) + 1);
        for (const c of plan(snapshot, new Date(now), weeks).create) {
          tutorOf.set(`${c.subject}\u0000${c.scheduledStart}\u0000${c.scheduledEnd}`, c.tutorId);
        }
      }
      for (const s of list) {
        const key = `${s.subject}\u0000${new Date(s.scheduledStart).toISOString()}\u0000${new Date(s.scheduledEnd).toISOString()}`;
        const tutor = tutorOf.get(key);
        if (tutor) out.set(s.id, tutor);
      }
    }
    return out;
  }

  async function names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    if (options.tutorNames) return options.tutorNames(ids);
    if (!db.user) throw new Error('previewTimeSlot: the client has no user model; pass tutorNames');
    const users = (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, firstName: true, lastName: true } })) as
      { id: string; firstName: string | null; lastName: string | null }[];
    return new Map(users.map((u) => [u.id, [u.firstName, u.lastName].filter(Boolean).join(' ')]));
  }

  async function previewTimeSlot(classId: string, timeSlotId: string, weeksAhead: number, preview: PreviewOptions = {}): Promise<SessionPreview[]> {
    const slot = await slotRow(timeSlotId);
    if (slot.classId !== classId) throw new NotFoundError(`time slot ${timeSlotId} not found in class ${classId}`);
    const now = clock();
    const weeks = Math.trunc(weeksAhead);
    const snapshot = await snapshotFor(classId, now, new Date(now.getTime() + Math.max(1, Math.min(52, weeks || 1)) * WEEK), preview.assignments, timeSlotId);
    const result = plan(snapshot, now, weeks);
    if (result.errors.length > 0) throw new Error(`class ${classId}: ${result.errors[0].code}: ${result.errors[0].message}`);
    // The class's Mondays 00:00 from a week before the window: a synthetic Monday slot
    // planned by the core in the class's zone (DST-correct), so weekStart is the local Monday.
    const mondays = plan(
      { classes: snapshot.classes, timeSlots: [{ id: 'monday', classId, subject: '', dayOfWeek: 1, startTime: '00:00', endTime: '01:00', isActive: true }] },
      new Date(now.getTime() - WEEK), Math.min(52, weeks + 1),
    ).create.map((c) => Date.parse(c.scheduledStart));
    const weekStart = (start: string) => {
      const at = Date.parse(start);
      return new Date(mondays.filter((m) => m <= at).pop() ?? mondays[0]);
    };
    const entries = [
      ...result.create.map((c) => ({ start: c.scheduledStart, tutorId: c.tutorId, cancelled: false })),
      ...result.skipped.map((s) => ({ start: s.scheduledStart, tutorId: null, cancelled: true })),
    ].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const named = await names([...new Set(entries.map((e) => e.tutorId).filter((t): t is string => t !== null))]);
    return entries.map((e) => ({
      weekStart: weekStart(e.start),
      sessionDate: new Date(e.start),
      tutorId: e.tutorId,
      tutorName: (e.tutorId && named.get(e.tutorId)) || 'Unassigned',
      cancelled: e.cancelled,
    }));
  }

  return { getNextTutor, applyPattern, previewTimeSlot };
}
