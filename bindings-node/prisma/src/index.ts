// @genova/sessions-native/prisma: the platform's session services (session-generator,
// session-maintenance and recurrence-pattern), rewired onto the native core. Switching is one
// import line:
//
//   import { createSessionGenerator } from '@genova/sessions-native/prisma';
//   export const { generateSessionsForClass, ... } = createSessionGenerator(prisma, { onSessionsCreated });
//
// Every write runs in one interactive transaction that first takes the advisory lock of each
// class it writes (the CLI's key, so API instances and CLI runs exclude each other), then
// reads the class's rows under the lock with a fixed number of findMany calls, lets the core
// compute (plan, cascades, repricing), and writes with the CLI's INSERT and updateMany.
import { randomUUID } from 'node:crypto';
import * as native from '../../index';
import type { Plan, Create, DataError, PlanOptions, Warning, Snapshot } from '../../index';
import { CallbackError, LockTimeoutError, NotFoundError, SessionDataError } from './errors';
import { readSnapshot, type Loaded } from './load';
import type {
  CallbackFailure, MaintenanceResult, MaintenanceStats, Money, PlanProblems, SessionDb,
  SessionGeneratorOptions, SessionPrisma, TutoringSession,
} from './types';

export { CallbackError, LockTimeoutError, NotFoundError, SessionDataError } from './errors';
export { createRecurrencePatternService, type RecurrencePatternService, type SessionPreview, type PreviewOptions, type TutorAssignmentInput } from './recurrence';
export type {
  CallbackFailure, DecimalLike, MaintenanceResult, MaintenanceStats, Money, PlanProblems, SessionDb,
  SessionGeneratorOptions, SessionPrisma, TutoringSession,
} from './types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The latest instant a snapshot's sessions are read up to when "every future session" is meant. */
const FOREVER = new Date(8.64e15 - 2 * DAY - 1);
/** The rolling window of the daily job, in weeks (as the old service). */
export const MAINTENANCE_WEEKS = 4;
/** Classes per `maintainSessionWindow` batch: the CLI's `BATCH_SIZE`. */
export const BATCH_SIZE = 500;
/**
 * Classes read and planned together inside a `maintainSessionWindow` batch (which is locked
 * and written in one transaction): one chunk's rows, snapshot and plan are what the daily job
 * holds at a time, so its memory follows this, not the batch size or the number of classes.
 */
const PLAN_CHUNK = 100;
/**
 * Rows per INSERT statement (8 bound array literals of this many texts). 500, not 2,000: each
 * statement's parameters are copied several times on their way to PostgreSQL (Prisma's query
 * compiler, the driver's bind message), and smaller copies kept the daily job's peak RSS about
 * 25 MB lower, for 3 more statements per 100 classes.
 */
const INSERT_CHUNK = 500;

/**
 * The CLI's per-class lock (cli/src/db/sql.rs `POSTGRES_LOCK`): one transaction-level advisory
 * lock per class on `hashtextextended('genova-sessions/class/' || id, 0)`, taken in class id
 * order (code points, as the CLI's batches) so that no two writers — API instances, the daily
 * job, a CLI run holding one batch while it locks the next — can deadlock; released by the
 * commit.
 */
export const CLASS_LOCK_SQL = `
SELECT count(pg_advisory_xact_lock(hashtextextended('genova-sessions/class/' || u.id, 0)))
FROM (SELECT d.id FROM (SELECT DISTINCT id FROM unnest($1::text[]) AS id) AS d
      ORDER BY d.id COLLATE "C") AS u`;

/**
 * The insert of planned sessions (cli/src/db/sql.rs's): constant text, every value bound,
 * instants as RFC 3339 UTC text, `createdAt` the UTC now as Prisma writes it.
 */
const INSERT_SQL = `
INSERT INTO tutoring_sessions
  ("id", "classId", "tutorId", "scheduledStart", "scheduledEnd", "subject", "price", "status", "createdAt")
SELECT n.id, n.class_id, n.tutor_id,
       n.starts::timestamptz AT TIME ZONE 'UTC', n.ends::timestamptz AT TIME ZONE 'UTC',
       n.subject, n.price::numeric(10, 2), n.status::"SessionStatus",
       now() AT TIME ZONE 'UTC'
FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  AS n(id, class_id, tutor_id, starts, ends, subject, price, status)`;

/** The session services, bound to a PrismaClient. */
export interface SessionGenerator {
  generateSessionsForTimeSlot(timeSlotId: string, weeksAhead: number, startFromWeek?: Date): Promise<TutoringSession[]>;
  generateSessionsForClass(classId: string, weeksAhead: number): Promise<TutoringSession[]>;
  fillSessionGaps(classId: string, startDate: Date, endDate: Date): Promise<TutoringSession[]>;
  checkSessionsExist(classId: string, weekStart: Date): Promise<boolean>;
  cancelFutureSessionsForTimeSlot(timeSlotId: string, cancellationReason?: string): Promise<number>;
  recalculatePricesForTutor(tutorId: string, newHourlyRate: Money): Promise<number>;
  maintainSessionWindow(): Promise<MaintenanceResult>;
  getMaintenanceStats(): Promise<MaintenanceStats>;
}

/** The options the core plans with. */
export function planOptions(now: Date, weeks: number, options: Pick<SessionGeneratorOptions, 'defaultTimezone' | 'legacyTimezone'>): PlanOptions {
  const o: PlanOptions & { legacyTimezone?: string | null } = { now, weeks, defaultTimezone: options.defaultTimezone ?? 'UTC' };
  if (options.legacyTimezone != null) o.legacyTimezone = options.legacyTimezone;
  return o;
}

/** Whether `e` is PostgreSQL's `lock_not_available` (55P03), however Prisma wrapped it. */
function isLockTimeout(e: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (x: unknown): boolean => {
    if (!x || typeof x !== 'object' || seen.has(x)) return false;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (o.code === '55P03' || o.originalCode === '55P03') return true;
    if (typeof o.message === 'string' && /55P03|lock timeout/.test(o.message)) return true;
    return walk(o.meta) || walk(o.cause) || walk(o.driverAdapterError);
  };
  return walk(e);
}

/**
 * Runs `fn` in one interactive transaction holding the advisory locks of `classIds` (waited
 * for up to `lockTimeout` ms, then a `LockTimeoutError`); what `fn` reads through its `tx`
 * is read under the locks.
 */
export async function withClassLocks<T>(
  prisma: SessionPrisma,
  classIds: string[],
  fn: (tx: SessionDb) => Promise<T>,
  options: { lockTimeout?: number; transactionTimeout?: number } = {},
): Promise<T> {
  const lockTimeout = Math.max(1, Math.trunc(options.lockTimeout ?? 30_000));
  const transactionTimeout = Math.max(1, Math.trunc(options.transactionTimeout ?? 60_000));
  const ids = [...new Set(classIds)];
  try {
    return await prisma.$transaction(
      async (tx: SessionDb) => {
        // Bound, not formatted: the one setting of this transaction.
        await tx.$queryRawUnsafe(`SELECT set_config('lock_timeout', $1, true)`, `${lockTimeout}ms`);
        if (ids.length > 0) await tx.$queryRawUnsafe(CLASS_LOCK_SQL, ids);
        return fn(tx);
      },
      // maxWait: a pool connection; timeout: the wait for the locks plus the work.
      { maxWait: lockTimeout, timeout: lockTimeout + transactionTimeout },
    );
  } catch (e) {
    if (isLockTimeout(e)) throw new LockTimeoutError(ids, lockTimeout, { cause: e });
    throw e;
  }
}

/** Builds the services on `prisma` (a PrismaClient of the platform's schema). */
export function createSessionGenerator(prisma: SessionPrisma, options: SessionGeneratorOptions = {}): SessionGenerator {
  const db = prisma;
  const clock = options.now ?? (() => new Date());
  const defaultTimezone = options.defaultTimezone ?? 'UTC';
  const batchSize = Math.max(1, Math.trunc(options.batchSize ?? BATCH_SIZE));
  const locked = <T>(classIds: string[], fn: (tx: SessionDb) => Promise<T>) => withClassLocks(db, classIds, fn, options);

  /** A caller's callback that must not turn a committed write into a rejection. */
  async function callback(name: CallbackFailure['callback'], failure: Omit<CallbackFailure, 'callback'>, run: () => void | Promise<void>) {
    try {
      await run();
    } catch (e) {
      const info = { callback: name, ...failure };
      try {
        if (options.onCallbackError) options.onCallbackError(e, info);
        else process.emitWarning(new CallbackError(e, info));
      } catch {
        // The reporter itself failed: the write stays committed and the call resolves.
      }
    }
  }

  /** After a commit: the API's notifications, then the plan's problems. */
  async function afterCommit(operation: string, classIds: string[], created: Map<string, TutoringSession[]>, problems?: PlanProblems) {
    if (options.onSessionsCreated) {
      for (const [classId, sessions] of created) {
        if (sessions.length > 0) await callback('onSessionsCreated', { classId, sessions }, () => options.onSessionsCreated!(sessions, classId));
      }
    }
    if (options.onPlanProblems && problems && (problems.errors.length || problems.warnings.length || problems.conflicts.length)) {
      await callback('onPlanProblems', { classId: classIds[0] ?? '', sessions: [] }, () => options.onPlanProblems!({ ...problems, operation, classIds }));
    }
  }

  const problemsOf = (plan: Plan): PlanProblems => ({ operation: '', classIds: [], errors: plan.errors, warnings: plan.warnings, conflicts: plan.conflicts });

  /**
   * Inserts planned sessions: one constant statement per INSERT_CHUNK rows, the columns bound
   * as 8 `text[]` (the CLI's statement), each as one array literal (`textArray`). Not
   * `createMany`: Prisma 7 keeps a compiled plan per `createMany` payload, which grew the heap
   * by 10 MB per 2,000 rows in the daily job; and not JS arrays either: Prisma 7 carries each
   * element of a raw query's array through its query compiler and back (8 strings per row).
   * The rows, when asked, are read back through the client (`TutoringSession` as Prisma
   * returns it).
   */
  async function insert(tx: SessionDb, creates: Create[], returning: boolean): Promise<{ count: number; rows: TutoringSession[] }> {
    const out = { count: 0, rows: [] as TutoringSession[] };
    for (let i = 0; i < creates.length; i += INSERT_CHUNK) {
      const chunk = creates.slice(i, i + INSERT_CHUNK);
      const ids: string[] = chunk.map(() => randomUUID());
      const column = <K extends keyof Create>(k: K) => textArray(chunk.map((c) => c[k] as string | null));
      out.count += Number(await tx.$executeRawUnsafe(INSERT_SQL, textArray(ids), column('classId'), column('tutorId'),
        column('scheduledStart'), column('scheduledEnd'), column('subject'), column('price'), column('status')));
      if (returning) {
        const rows = (await tx.tutoringSession.findMany({ where: { id: { in: ids } } })) as TutoringSession[];
        const order = new Map(ids.map((id, n) => [id, n]));
        out.rows.push(...rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!));
      }
    }
    return out;
  }

  /** Plans `classIds` for `[now, now + weeks)` from rows read through `tx`, optionally keeping only some slots. */
  async function planFor(tx: SessionDb, classIds: string[], now: Date, weeks: number, keepSlot?: (id: string) => boolean, createdBefore?: Date) {
    const to = new Date(now.getTime() + Math.max(1, Math.min(52, Math.trunc(weeks) || 1)) * WEEK);
    const loaded = await readSnapshot(tx, { classIds, createdBefore, forPlan: true }, now, to);
    if (keepSlot) loaded.snapshot.timeSlots = (loaded.snapshot.timeSlots ?? []).filter((s) => keepSlot(s.id));
    const plan: Plan = native.plan(loaded.snapshot, planOptions(now, weeks, options));
    return { loaded, plan };
  }

  /**
   * One class, locked: reads, plans, refuses data errors (SessionDataError, nothing written),
   * writes the sessions `pick` keeps; then the callbacks.
   */
  async function generate(operation: string, classId: string, now: Date, weeks: number, select: { slot?: string; before?: string } = {}): Promise<TutoringSession[]> {
    const { rows, plan } = await locked([classId], async (tx) => {
      const { loaded, plan } = await planFor(tx, [classId], now, weeks, select.slot ? (id) => id === select.slot : undefined);
      if (loaded.classIds.length === 0) throw new NotFoundError(`class ${classId} not found`);
      if (plan.errors.length > 0) throw new SessionDataError(classId, plan.errors, plan.warnings);
      const creates = select.before ? plan.create.filter((c) => c.scheduledStart < select.before!) : plan.create;
      return { rows: (await insert(tx, creates, true)).rows, plan };
    });
    await afterCommit(operation, [classId], new Map([[classId, rows]]), problemsOf(plan));
    return rows;
  }

  async function slotRow(timeSlotId: string) {
    const [slot] = await db.classTimeSlot.findMany({ where: { id: timeSlotId }, select: { id: true, classId: true, isActive: true } });
    if (!slot) throw new NotFoundError(`time slot ${timeSlotId} not found`);
    return slot as { id: string; classId: string; isActive: boolean };
  }

  async function generateSessionsForClass(classId: string, weeksAhead: number): Promise<TutoringSession[]> {
    return generate('generateSessionsForClass', classId, clock(), weeksAhead);
  }

  async function generateSessionsForTimeSlot(timeSlotId: string, weeksAhead: number, startFromWeek?: Date): Promise<TutoringSession[]> {
    const slot = await slotRow(timeSlotId);
    if (!slot.isActive) return [];
    return generate('generateSessionsForTimeSlot', slot.classId, startFromWeek ?? clock(), weeksAhead, { slot: timeSlotId });
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
    return generate('fillSessionGaps', classId, from, weeks, { before: endDate.toISOString() });
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
    return locked([slot.classId], async (tx) => {
      const now = clock();
      const loaded = await readSnapshot(tx, { classIds: [slot.classId] }, now, FOREVER);
      const { cancel } = native.cascadeSlotDeactivated(loaded.snapshot, { timeSlotId, now }, { defaultTimezone });
      if (cancel.length === 0) return 0;
      // One reason for the whole slot: the caller's, else the core's.
      const byReason = new Map<string, string[]>();
      for (const c of cancel) {
        const reason = cancellationReason ?? c.cancellationReason;
        byReason.set(reason, [...(byReason.get(reason) ?? []), c.sessionId]);
      }
      let count = 0;
      for (const [reason, ids] of byReason) {
        count += (await tx.tutoringSession.updateMany({
          where: { id: { in: ids }, status: { in: ['PENDING', 'CONFIRMED'] } },
          data: { status: 'CANCELLED', cancellationReason: reason },
        })).count;
      }
      return count;
    });
  }

  async function recalculatePricesForTutor(tutorId: string, newHourlyRate: Money): Promise<number> {
    const [profile] = await db.tutorProfile.findMany({ where: { userId: tutorId }, select: { userId: true, hourlyRate: true } });
    if (!profile) throw new NotFoundError(`tutor ${tutorId} not found`);
    const pendingWhere = (now: Date) => ({ tutorId, status: 'PENDING', scheduledStart: { gte: now } });
    const classesOf = async (q: SessionDb, now: Date) =>
      ((await q.tutoringSession.findMany({ where: pendingWhere(now), select: { classId: true }, distinct: ['classId'] })) as { classId: string }[]).map((p) => p.classId);
    // Read the rate first: a bad one is INVALID_FIELD before anything is locked.
    native.repriceTutor({ tutors: [{ id: tutorId, hourlyRate: 0 }] }, { tutorId, hourlyRate: newHourlyRate, now: clock() }, { defaultTimezone });
    const classIds = await classesOf(db, clock());
    if (classIds.length === 0) return 0;
    return locked(classIds, async (tx) => {
      const now = clock();
      // Under the locks: only the classes locked (a class gaining a pending session since is
      // repriced by the next call).
      const loaded = await readSnapshot(tx, { classIds }, now, FOREVER);
      const snapshot: Snapshot = { ...loaded.snapshot };
      if (!(snapshot.tutors ?? []).some((t) => t.id === tutorId)) {
        snapshot.tutors = [...(snapshot.tutors ?? []), { id: tutorId, hourlyRate: profile.hourlyRate, availability: [] }];
      }
      const { updates } = native.repriceTutor(snapshot, { tutorId, hourlyRate: newHourlyRate, now }, { defaultTimezone });
      const byPrice = new Map<string, string[]>();
      for (const u of updates) byPrice.set(u.price, [...(byPrice.get(u.price) ?? []), u.sessionId]);
      let count = 0;
      for (const [price, ids] of byPrice) {
        count += (await tx.tutoringSession.updateMany({ where: { id: { in: ids }, status: 'PENDING' }, data: { price } })).count;
      }
      return count;
    });
  }

  async function maintainSessionWindow(): Promise<MaintenanceResult> {
    const started = Date.now();
    const now = clock();
    // What the result reports, kept as it streams by: two numbers, the errors, and the
    // warnings de-duplicated on the core's key (R24). Nothing per session or per class
    // survives a batch.
    let classesProcessed = 0;
    let sessionsGenerated = 0;
    const errors: MaintenanceResult['errors'] = [];
    const warnings = new Map<string, Warning>();
    let empty: Plan | undefined;
    const returning = Boolean(options.onSessionsCreated);
    // The database's clock as the run starts: the rows created since, in classes of earlier
    // batches, are this run's planned sessions (R25's earlier side, see earlierSides).
    const runStart = await databaseNow(db);

    /** A chunk's plan, and what R25 needs of its snapshot: the snapshot is not kept past the plan. */
    const planChunk = async (tx: SessionDb, classIds: string[]) => {
      const { loaded, plan } = await planFor(tx, classIds, now, MAINTENANCE_WEEKS);
      return { plan, candidates: overlapCandidates(loaded, plan) };
    };
    /**
     * One group of classes, locked and written in one transaction, read and planned
     * `PLAN_CHUNK` classes at a time (each chunk's plan sees what the chunks before it wrote,
     * and `earlierSides` warns what it double-books in them, as across batches): what the
     * group adds to the result, and its rows when `onSessionsCreated` wants them.
     */
    const writeGroup = (classIds: string[]) =>
      locked(classIds, async (tx) => {
        const out: Written = { classesProcessed: 0, count: 0, errors: [], warnings: [], rows: [] };
        for (let i = 0; i < classIds.length; i += PLAN_CHUNK) {
          const chunk = classIds.slice(i, i + PLAN_CHUNK);
          const { plan, candidates } = await planChunk(tx, chunk);
          empty ??= emptyPlan(plan);
          let written: { count: number; rows: TutoringSession[] };
          try {
            written = await insert(tx, plan.create, returning);
          } catch (cause) {
            throw new WriteFailed(plan, cause);
          }
          out.classesProcessed += plan.summary.classesProcessed;
          out.count += written.count;
          out.errors.push(...plan.errors);
          out.warnings.push(...plan.warnings, ...(await earlierSides(tx, candidates, plan, chunk[0], runStart, now)));
          if (returning) out.rows.push(...written.rows);
        }
        return out;
      });
    const record = (written: Written) => {
      classesProcessed += written.classesProcessed;
      sessionsGenerated += written.count;
      for (const e of written.errors) errors.push({ classId: e.classId, code: e.code, error: `${e.code}: ${e.message}` });
      for (const w of written.warnings) {
        const key = JSON.stringify([w.classId, w.timeSlotId, w.code, w.assignmentId, w.tutorId]);
        if (!warnings.has(key)) warnings.set(key, w);
      }
    };
    const byClass = (rows: TutoringSession[]) => {
      const m = new Map<string, TutoringSession[]>();
      for (const r of rows) m.set(r.classId, [...(m.get(r.classId) ?? []), r]);
      return m;
    };

    // Active classes a page at a time (keyset on id): memory holds one batch, whatever the count.
    let after: string | undefined;
    for (;;) {
      const page = (await db.class.findMany({
        where: after === undefined ? { isActive: true } : { isActive: true, id: { gt: after } },
        select: { id: true }, orderBy: { id: 'asc' }, take: batchSize,
      })) as { id: string }[];
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const ids = page.map((c) => c.id);
      try {
        const written = await writeGroup(ids);
        record(written);
        if (returning) await afterCommit('maintainSessionWindow', ids, byClass(written.rows));
      } catch (e) {
        if (e instanceof LockTimeoutError) {
          for (const classId of ids) errors.push({ classId, code: e.code, error: e.message });
          continue;
        }
        // The database refused the batch (e.g. a price over DECIMAL(10,2)): nothing of it was
        // written; each class again on its own, so one failing class does not stop the others.
        for (const classId of ids) {
          try {
            const written = await writeGroup([classId]);
            record(written);
            if (returning) await afterCommit('maintainSessionWindow', [classId], byClass(written.rows));
          } catch (err) {
            if (err instanceof WriteFailed) {
              // Planned (it counts as processed, its data errors are listed) but not written.
              record({ classesProcessed: err.plan.summary.classesProcessed, count: 0, errors: err.plan.errors, warnings: [], rows: [] });
              errors.push({ classId, code: 'DATABASE', error: errorText(err.cause) });
            } else {
              const code = err instanceof LockTimeoutError ? err.code : 'DATABASE';
              errors.push({ classId, code, error: errorText(err) });
            }
          }
        }
      }
    }
    // The warnings ordered and de-duplicated by the core, as one plan of every class lists them.
    const result: MaintenanceResult = {
      classesProcessed, sessionsGenerated, errors, duration: 0,
      warnings: empty ? native.mergePlans([{ ...empty, warnings: [...warnings.values()] }], []).warnings : [],
    };
    warnings.clear();
    result.errors.sort((a, b) => (a.classId < b.classId ? -1 : a.classId > b.classId ? 1 : 0));
    if (options.onPlanProblems && (result.warnings.length || result.errors.length)) {
      const errors = result.errors.filter((e) => e.code === 'UNKNOWN_TIMEZONE' || e.code === 'INVALID_SLOT');
      await callback('onPlanProblems', { classId: result.errors[0]?.classId ?? '', sessions: [] }, () =>
        options.onPlanProblems!({
          operation: 'maintainSessionWindow', classIds: [...new Set([...errors, ...result.warnings].map((e) => e.classId))],
          errors: errors.map((e) => ({ code: e.code as 'UNKNOWN_TIMEZONE', message: e.error, classId: e.classId, timeSlotId: null })),
          warnings: result.warnings, conflicts: [],
        }));
    }
    result.duration = Date.now() - started;
    return result;
  }

  /**
   * R25 across `maintainSessionWindow`'s batches: the side a batch's own plan cannot warn.
   * A batch's plan already sees the rows earlier batches wrote as existing sessions of its
   * tutors, so its planned side of a double booking with one of them is warned; the other
   * side was planned by an earlier batch, which could not see this one. It is found from the
   * database, with no state kept between batches:
   *
   * 1. the snapshot's sessions of the batch's tutors in other classes that may overlap one of
   *    the batch's planned sessions of the same tutor (closed ranges, looser than R22: the core
   *    decides in 4.) — in memory, no query;
   * 2. of those, the ones this run created (in a class before the batch's first, by id, and
   *    `createdAt` since the run started) — one `findMany`, only when 1. found any;
   * 3. their classes planned again as they stood before the run (their own sessions created
   *    since left out), which gives back those rows' `create` entries with their slot and
   *    claiming assignment — the loader's 8 `findMany` per `PLAN_CHUNK` classes, only when 2.
   *    found any;
   * 4. the core's merge (`mergePlans`) over those entries and the batch's planned sessions of
   *    the same tutors: its `TUTOR_DOUBLE_BOOKED` warnings, as one plan of both batches gives.
   */
  function overlapCandidates(loaded: Loaded, plan: Plan): string[] {
    // 1. This batch's planned sessions per tutor: starts sorted, with the running maximum end.
    const planned = new Map<string, { starts: number[]; ends: number[] }>();
    for (const c of plan.create) {
      if (c.tutorId === null) continue;
      let p = planned.get(c.tutorId);
      if (!p) planned.set(c.tutorId, (p = { starts: [], ends: [] }));
      p.starts.push(Date.parse(c.scheduledStart));
      p.ends.push(Date.parse(c.scheduledEnd));
    }
    const candidates: string[] = [];
    if (planned.size === 0) return candidates;
    for (const p of planned.values()) {
      const order = p.starts.map((_, i) => i).sort((a, b) => p.starts[a] - p.starts[b]);
      const starts = order.map((i) => p.starts[i]);
      let max = -Infinity;
      p.ends = order.map((i) => (max = Math.max(max, p.ends[i])));
      p.starts = starts;
    }
    const mine = new Set(loaded.classIds);
    for (const s of loaded.snapshot.existingSessions ?? []) {
      if (s.tutorId == null || s.status === 'CANCELLED' || mine.has(s.classId)) continue;
      const p = planned.get(s.tutorId);
      if (!p) continue;
      const start = instant(s.scheduledStart);
      const end = instant(s.scheduledEnd);
      // The last planned start at or before this session's end; any planned session up to it
      // ending at or after this one's start may overlap.
      let lo = 0;
      let hi = p.starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p.starts[mid] <= end) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0 && p.ends[lo - 1] >= start) candidates.push(s.id);
    }
    return candidates;
  }

  /** Steps 2 to 4 of R25's earlier side (see `overlapCandidates`), on the sessions step 1 found. */
  async function earlierSides(tx: SessionDb, candidates: string[], plan: Plan, firstClassId: string, runStart: Date, now: Date): Promise<Warning[]> {
    if (candidates.length === 0) return [];
    // 2. The candidates this run planned and wrote.
    const ours = (await tx.tutoringSession.findMany({
      where: { id: { in: candidates }, classId: { lt: firstClassId }, createdAt: { gte: runStart } },
      select: { classId: true, tutorId: true, subject: true, scheduledStart: true, scheduledEnd: true },
    })) as Array<{ classId: string; tutorId: string; subject: string; scheduledStart: Date; scheduledEnd: Date }>;
    if (ours.length === 0) return [];
    const key = (classId: string, tutorId: string | null, subject: string, start: number, end: number) =>
      JSON.stringify([classId, tutorId, subject, start, end]);
    const rows = new Set(ours.map((r) => key(r.classId, r.tutorId, r.subject, r.scheduledStart.getTime(), r.scheduledEnd.getTime())));
    const classIds = [...new Set(ours.map((r) => r.classId))];
    // 3. Their create entries, from their classes' plans before this run wrote to them.
    const sides: Create[] = [];
    for (let i = 0; i < classIds.length; i += PLAN_CHUNK) {
      const { plan: before } = await planFor(tx, classIds.slice(i, i + PLAN_CHUNK), now, MAINTENANCE_WEEKS, undefined, runStart);
      for (const c of before.create) {
        if (rows.has(key(c.classId, c.tutorId, c.subject, Date.parse(c.scheduledStart), Date.parse(c.scheduledEnd)))) sides.push(c);
      }
    }
    if (sides.length === 0) return [];
    // 4. The core decides which of them this batch double-books.
    const tutors = new Set(sides.map((c) => c.tutorId));
    const against = plan.create.filter((c) => c.tutorId !== null && tutors.has(c.tutorId));
    return native.mergePlans([{ ...emptyPlan(plan), create: [...sides, ...against] }], []).warnings;
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

/** What one group of `maintainSessionWindow` adds to the result. */
interface Written {
  classesProcessed: number;
  count: number;
  errors: DataError[];
  warnings: Warning[];
  rows: TutoringSession[];
}

/** A batch's insert failed; `plan` is what was planned for it. */
class WriteFailed extends Error {
  constructor(readonly plan: Plan, readonly cause: unknown) {
    super(errorText(cause));
  }
}

/** One readable line of an error (Prisma's messages span several lines). */
function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.trim().split('\n').filter((l) => l.trim()).pop() ?? text;
}

/**
 * A PostgreSQL array literal of texts (`{"a","b\\"c",NULL}`), which `$1::text[]` reads back
 * element for element: every element quoted, `\` and `"` escaped, `null` as `NULL`.
 */
function textArray(values: Array<string | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** A plan's scalar fields (format, window, summary) with every list empty. */
function emptyPlan(plan: Plan): Plan {
  return Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, Array.isArray(v) ? [] : v])) as unknown as Plan;
}

/** An instant as the loader reads it (a `Date` from Prisma) or as the core writes it. */
function instant(value: string | Date): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

/**
 * The database's clock, to the millisecond rounded down: `createdAt` of the rows the drop-in
 * inserts afterwards (the transaction's `now()`, stored to the millisecond) is never earlier.
 */
async function databaseNow(db: SessionDb): Promise<Date> {
  const [row] = (await db.$queryRawUnsafe(
    `SELECT to_char(date_trunc('milliseconds', now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t`,
  )) as Array<{ t: string }>;
  return new Date(row.t);
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

/**
 * The snapshot (SPEC §2) of `classIds` as the platform's database holds them, ready for
 * `plan`/`planAsync` and the §3.8 functions: the way to plan the platform's rows. Reads
 * through `prisma` (a PrismaClient or an interactive transaction's client) with 8 findMany
 * calls whatever the number of rows; existing sessions are those overlapping `[from, to)`
 * widened by two days (default: now to 52 weeks ahead, the longest window `plan` takes).
 * `timezone` is `null` where the creator's country gives none: pass `defaultTimezone` to
 * `plan` for those classes.
 */
export async function loadSnapshot(prisma: SessionDb, options: { classIds: string[]; from?: Date; to?: Date }): Promise<Snapshot> {
  const from = options.from ?? new Date();
  const to = options.to ?? new Date(from.getTime() + 52 * WEEK);
  return (await readSnapshot(prisma, { classIds: options.classIds }, from, to)).snapshot;
}
