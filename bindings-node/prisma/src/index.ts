// @genova/sessions-native/prisma: the platform's session services (session-generator and
// session-maintenance), rewired onto the native core. Switching is one import line:
//
//   import { createSessionGenerator } from '@genova/sessions-native/prisma';
//   export const { generateSessionsForClass, ... } = createSessionGenerator(prisma, { onSessionsCreated });
//
// Each function loads what it needs with a fixed number of findMany calls, lets the core
// compute (plan, cascades, repricing), and writes with createMany/updateMany in a transaction.
import { randomUUID } from 'node:crypto';
import * as native from '../../index';
import type { Plan, PlanCreate } from '../../index';
import { loadSnapshot, type Scope } from './load';
import type { MaintenanceResult, MaintenanceStats, SessionGeneratorOptions, SessionPrisma, TutoringSession } from './types';

export type { DecimalLike, MaintenanceResult, MaintenanceStats, SessionGeneratorOptions, SessionPrisma, TutoringSession } from './types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The rolling window of the daily job, in weeks (as the old service). */
export const MAINTENANCE_WEEKS = 4;

/** The error an unknown class, slot or tutor rejects with; `code` is `NOT_FOUND`. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The session services, bound to a PrismaClient. */
export interface SessionGenerator {
  generateSessionsForTimeSlot(timeSlotId: string, weeksAhead: number, startFromWeek?: Date): Promise<TutoringSession[]>;
  generateSessionsForClass(classId: string, weeksAhead: number): Promise<TutoringSession[]>;
  fillSessionGaps(classId: string, startDate: Date, endDate: Date): Promise<TutoringSession[]>;
  checkSessionsExist(classId: string, weekStart: Date): Promise<boolean>;
  cancelFutureSessionsForTimeSlot(timeSlotId: string, cancellationReason?: string): Promise<number>;
  recalculatePricesForTutor(tutorId: string, newHourlyRate: number): Promise<number>;
  maintainSessionWindow(): Promise<MaintenanceResult>;
  getMaintenanceStats(): Promise<MaintenanceStats>;
}

/** Builds the services on `prisma` (a PrismaClient of the platform's schema). */
export function createSessionGenerator(prisma: SessionPrisma, options: SessionGeneratorOptions = {}): SessionGenerator {
  const db = prisma;
  const clock = options.now ?? (() => new Date());
  const defaultTimezone = options.defaultTimezone ?? 'UTC';

  /** Writes one class's planned sessions in one transaction, then notifies. */
  async function write(classId: string, creates: PlanCreate[]): Promise<TutoringSession[]> {
    if (creates.length === 0) return [];
    const data = creates.map((c) => ({
      id: randomUUID(), classId: c.classId, tutorId: c.tutorId, subject: c.subject,
      scheduledStart: new Date(c.scheduledStart), scheduledEnd: new Date(c.scheduledEnd),
      price: c.price, status: c.status,
    }));
    const [rows] = await db.$transaction([db.tutoringSession.createManyAndReturn({ data })]);
    const sessions = rows as TutoringSession[];
    if (options.onSessionsCreated) await options.onSessionsCreated(sessions, classId);
    return sessions;
  }

  /** Plans `scope` for `[now, now + weeks)`, optionally keeping only some slots. */
  async function planFor(scope: Scope, now: Date, weeks: number, keepSlot?: (id: string) => boolean) {
    const to = new Date(now.getTime() + Math.max(1, Math.min(52, Math.trunc(weeks) || 1)) * WEEK);
    const loaded = await loadSnapshot(db, scope, now, to);
    if (keepSlot) loaded.snapshot.timeSlots = (loaded.snapshot.timeSlots ?? []).filter((s) => keepSlot(s.id));
    const plan: Plan = native.plan(loaded.snapshot, { now, weeks, defaultTimezone });
    return { loaded, plan };
  }

  async function slotRow(timeSlotId: string) {
    const [slot] = await db.classTimeSlot.findMany({ where: { id: timeSlotId }, select: { id: true, classId: true, isActive: true } });
    if (!slot) throw new NotFoundError(`time slot ${timeSlotId} not found`);
    return slot as { id: string; classId: string; isActive: boolean };
  }

  async function generateSessionsForClass(classId: string, weeksAhead: number): Promise<TutoringSession[]> {
    const { loaded, plan } = await planFor({ classIds: [classId] }, clock(), weeksAhead);
    if (loaded.classIds.length === 0) throw new NotFoundError(`class ${classId} not found`);
    return write(classId, plan.create);
  }

  async function generateSessionsForTimeSlot(timeSlotId: string, weeksAhead: number, startFromWeek?: Date): Promise<TutoringSession[]> {
    const slot = await slotRow(timeSlotId);
    if (!slot.isActive) return [];
    const { plan } = await planFor({ classIds: [slot.classId] }, startFromWeek ?? clock(), weeksAhead, (id) => id === timeSlotId);
    return write(slot.classId, plan.create);
  }

  async function fillSessionGaps(classId: string, startDate: Date, endDate: Date): Promise<TutoringSession[]> {
    const from = new Date(Math.max(clock().getTime(), startDate.getTime()));
    if (endDate.getTime() <= from.getTime()) {
      const [found] = await db.class.findMany({ where: { id: classId }, select: { id: true } });
      if (!found) throw new NotFoundError(`class ${classId} not found`);
      return [];
    }
    // The core plans whole weeks (at most 52); the range's end cuts the last one.
    const weeks = Math.min(52, Math.ceil((endDate.getTime() - from.getTime()) / WEEK));
    const { loaded, plan } = await planFor({ classIds: [classId] }, from, weeks);
    if (loaded.classIds.length === 0) throw new NotFoundError(`class ${classId} not found`);
    const end = endDate.toISOString();
    return write(classId, plan.create.filter((c) => c.scheduledStart < end));
  }

  async function checkSessionsExist(classId: string, weekStart: Date): Promise<boolean> {
    const [row] = await db.class.findMany({
      where: { id: classId },
      select: { id: true, creator: { select: { country: { select: { timezone: true } } } } },
    });
    if (!row) throw new NotFoundError(`class ${classId} not found`);
    const { start, end } = weekOf(row.creator?.country?.timezone ?? null, weekStart, defaultTimezone);
    const sessions = await db.tutoringSession.findMany({
      where: { classId, scheduledStart: { gte: start, lt: end } },
      select: { id: true },
      take: 1,
    });
    return sessions.length > 0;
  }

  async function cancelFutureSessionsForTimeSlot(timeSlotId: string, cancellationReason?: string): Promise<number> {
    const slot = await slotRow(timeSlotId);
    const now = clock();
    const loaded = await loadSnapshot(db, { classIds: [slot.classId] }, now, new Date(8.64e15 - 2 * DAY - 1));
    const { cancel } = native.cascadeSlotDeactivated(loaded.snapshot, { timeSlotId, now }, { defaultTimezone });
    if (cancel.length === 0) return 0;
    // One reason for the whole slot: the caller's, else the core's.
    const byReason = new Map<string, string[]>();
    for (const c of cancel) {
      const reason = cancellationReason ?? c.cancellationReason;
      byReason.set(reason, [...(byReason.get(reason) ?? []), c.sessionId]);
    }
    const results = await db.$transaction(
      [...byReason].map(([reason, ids]) =>
        db.tutoringSession.updateMany({
          where: { id: { in: ids }, status: { in: ['PENDING', 'CONFIRMED'] } },
          data: { status: 'CANCELLED', cancellationReason: reason },
        }),
      ),
    );
    return results.reduce((n, r) => n + r.count, 0);
  }

  async function recalculatePricesForTutor(tutorId: string, newHourlyRate: number): Promise<number> {
    const now = clock();
    const [profile] = await db.tutorProfile.findMany({ where: { userId: tutorId }, select: { userId: true, hourlyRate: true } });
    if (!profile) throw new NotFoundError(`tutor ${tutorId} not found`);
    const pending = await db.tutoringSession.findMany({
      where: { tutorId, status: 'PENDING', scheduledStart: { gte: now } },
      select: { classId: true },
      distinct: ['classId'],
    });
    if (pending.length === 0) return 0;
    const loaded = await loadSnapshot(db, { classIds: pending.map((p) => p.classId as string) }, now, new Date(8.64e15 - 2 * DAY - 1));
    const snapshot = { ...loaded.snapshot };
    if (!(snapshot.tutors ?? []).some((t) => t.id === tutorId)) {
      snapshot.tutors = [...(snapshot.tutors ?? []), { id: tutorId, hourlyRate: profile.hourlyRate, availability: [] }];
    }
    const { updates } = native.repriceTutor(snapshot, { tutorId, hourlyRate: newHourlyRate, now }, { defaultTimezone });
    if (updates.length === 0) return 0;
    const byPrice = new Map<string, string[]>();
    for (const u of updates) byPrice.set(u.price, [...(byPrice.get(u.price) ?? []), u.sessionId]);
    const results = await db.$transaction(
      [...byPrice].map(([price, ids]) =>
        db.tutoringSession.updateMany({ where: { id: { in: ids }, status: 'PENDING' }, data: { price } }),
      ),
    );
    return results.reduce((n, r) => n + r.count, 0);
  }

  async function maintainSessionWindow(): Promise<MaintenanceResult> {
    const started = Date.now();
    const result: MaintenanceResult = { classesProcessed: 0, sessionsGenerated: 0, errors: [], duration: 0 };
    const { plan } = await planFor({ activeClasses: true }, clock(), MAINTENANCE_WEEKS);
    result.classesProcessed = plan.summary.classesProcessed;
    for (const e of plan.errors) result.errors.push({ classId: e.classId, error: `${e.code}: ${e.message}` });
    const byClass = new Map<string, PlanCreate[]>();
    for (const c of plan.create) byClass.set(c.classId, [...(byClass.get(c.classId) ?? []), c]);
    // One transaction per class: a failing class does not stop the others.
    for (const [classId, creates] of byClass) {
      try {
        result.sessionsGenerated += (await write(classId, creates)).length;
      } catch (e) {
        result.errors.push({ classId, error: e instanceof Error ? e.message : String(e) });
      }
    }
    result.duration = Date.now() - started;
    return result;
  }

  async function getMaintenanceStats(): Promise<MaintenanceStats> {
    const now = clock();
    const [activeClasses, classesWithTimeSlots, upcomingSessions] = await Promise.all([
      db.class.count({ where: { isActive: true } }),
      db.class.count({ where: { isActive: true, timeSlots: { some: { isActive: true } } } }),
      db.tutoringSession.count({
        where: { status: { in: ['PENDING', 'CONFIRMED'] }, scheduledStart: { gte: now, lt: new Date(now.getTime() + MAINTENANCE_WEEKS * WEEK) } },
      }),
    ]);
    return { activeClasses, classesWithTimeSlots, upcomingSessions };
  }

  return {
    generateSessionsForTimeSlot, generateSessionsForClass, fillSessionGaps, checkSessionsExist,
    cancelFutureSessionsForTimeSlot, recalculatePricesForTutor, maintainSessionWindow, getMaintenanceStats,
  };
}

/**
 * The Monday–Sunday week (class zone) `weekStart` names, as the core reads a cancellation's
 * `weekStart` (SPEC R11): a one-slot snapshot whose Monday 00:00 occurrence that week is
 * cancelled gives the Monday (skipped), and the next Monday's occurrence gives the end.
 */
export function weekOf(timezone: string | null, weekStart: Date, defaultTimezone = 'UTC'): { start: Date; end: Date } {
  const snapshot = {
    classes: [{ id: 'week', isActive: true, timezone }],
    timeSlots: [{ id: 'monday', classId: 'week', subject: 'week', dayOfWeek: 1, startTime: '00:00', endTime: '01:00', isActive: true }],
    slotCancellations: [{ id: 'named', timeSlotId: 'monday', weekStart }],
  };
  const plan = native.plan(snapshot, { now: new Date(weekStart.getTime() - 8 * DAY), weeks: 3, defaultTimezone });
  if (plan.errors.length > 0) throw new Error(`class zone: ${plan.errors[0].message}`);
  const monday = plan.skipped[0].scheduledStart;
  const next = plan.create.find((c) => c.scheduledStart > monday);
  if (!next) throw new Error('no next Monday in the window');
  return { start: new Date(monday), end: new Date(next.scheduledStart) };
}
