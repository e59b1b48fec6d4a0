// The shapes the session services exchange with the API, and the part of a PrismaClient
// they use (structural, so the API's own generated client fits without this package
// depending on it: Prisma 5.14+ and 7 alike, see the README).
import type { Conflict, DataError, Warning } from '../../index';

/** A Prisma `Decimal` (decimal.js), or anything whose `toString()` is a decimal. */
export interface DecimalLike {
  toString(): string;
}

/** Money as the API may hold it: a Prisma `Decimal`, a decimal string (`"5000.50"`) or a number (read from its shortest literal, `7.5`, never through binary arithmetic). */
export type Money = DecimalLike | string | number;

/** The `TutoringSession` model (`tutoring_sessions`), as Prisma returns it. */
export interface TutoringSession {
  id: string;
  classId: string;
  tutorId: string | null;
  consortiumId: string | null;
  scheduledStart: Date;
  scheduledEnd: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  location: string | null;
  onlineMeetingLink: string | null;
  subject: string;
  description: string | null;
  price: DecimalLike;
  status: 'PENDING' | 'CONFIRMED' | 'COMPLETED' | 'CANCELLED';
  cancellationReason: string | null;
  createdAt: Date;
}

/** What `maintainSessionWindow` reports. */
export interface MaintenanceResult {
  classesProcessed: number;
  sessionsGenerated: number;
  /**
   * Classes that could not be (fully) planned or written: `code` is the plan error's
   * (`UNKNOWN_TIMEZONE`, `INVALID_SLOT`), `LOCK_TIMEOUT`, or `DATABASE` for a write the
   * database refused; `error` is a readable line.
   */
  errors: Array<{ classId: string; error: string; code?: string }>;
  /** The plan's warnings over every class (malformed configs, double bookings across batches, ...). */
  warnings: Warning[];
  /** Milliseconds. */
  duration: number;
}

/** What `maintainSessionWindow` reports. */
export interface MaintenanceStats {
  activeClasses: number;
  classesWithTimeSlots: number;
  upcomingSessions: number;
}

/** The problems a plan found in the data, handed to `onPlanProblems`. */
export interface PlanProblems {
  /** The service that planned: `generateSessionsForClass`, `maintainSessionWindow`, ... */
  operation: string;
  /** The classes it planned. */
  classIds: string[];
  /** SPEC §4 errors (for the one-class services these also reject the call, see `SessionDataError`). */
  errors: DataError[];
  /** SPEC §4 warnings: malformed configs, unknown patterns or tutors, double bookings, unavailable tutors. */
  warnings: Warning[];
  /** Occurrences not created because another session occupies their time. */
  conflicts: Conflict[];
}

/** Where a caller's callback threw, handed to `onCallbackError`. */
export interface CallbackFailure {
  /** `onSessionsCreated` or `onPlanProblems`. */
  callback: 'onSessionsCreated' | 'onPlanProblems';
  /** The class concerned (the first one for a multi-class plan). */
  classId: string;
  /** The sessions that were committed (for `onSessionsCreated`). */
  sessions: TutoringSession[];
}

/** Options of `createSessionGenerator`. */
export interface SessionGeneratorOptions {
  /**
   * Called after a class's sessions are committed (the API sends its notifications here).
   * If it throws or rejects, the call still resolves with the committed rows; the failure
   * goes to `onCallbackError`.
   */
  onSessionsCreated?: (sessions: TutoringSession[], classId: string) => void | Promise<void>;
  /** Called after a write with the plan's errors, warnings and conflicts, when it has any. */
  onPlanProblems?: (problems: PlanProblems) => void | Promise<void>;
  /**
   * Called when `onSessionsCreated` or `onPlanProblems` fails (the rows are committed).
   * Default: `process.emitWarning` of a `CallbackError` (printed on stderr unless the process
   * listens to `'warning'`).
   */
  onCallbackError?: (error: unknown, failure: CallbackFailure) => void;
  /** Zone of classes whose creator's country gives none; `UTC` by default. */
  defaultTimezone?: string;
  /**
   * The zone the old TypeScript generator ran in (SPEC §3.9), e.g. `UTC` for a cloud server:
   * rows it stored at server-time positions are recognised as their occurrence's, so nothing
   * is created beside them. The drop-in never moves them (the CLI's opt-in does). `null` = off.
   */
  legacyTimezone?: string | null;
  /** The clock (tests pass a fixed one); `() => new Date()` by default. */
  now?: () => Date;
  /**
   * How long a write waits for the class's advisory lock (held by another API instance or a
   * CLI run) before rejecting with a `LockTimeoutError`, in milliseconds; 30,000 by default
   * (the CLI's `--lock-timeout`).
   */
  lockTimeout?: number;
  /** How long one locked transaction may run once it holds its locks, in milliseconds; 60,000 by default. */
  transactionTimeout?: number;
  /** Classes per `maintainSessionWindow` batch (read, locked, planned and written together); 500, the CLI's. */
  batchSize?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Args = any;
interface Delegate {
  findMany(args?: Args): PromiseLike<Args[]>;
  count(args?: Args): PromiseLike<number>;
}
interface SessionDelegate extends Delegate {
  updateMany(args: Args): PromiseLike<{ count: number }>;
}

/** What the services read and write through: a `PrismaClient` or its interactive-transaction client. */
export interface SessionDb {
  class: Delegate;
  classTimeSlot: Delegate;
  classSlotCancellation: Delegate;
  classTutorAssignment: Delegate;
  tutorProfile: Delegate;
  tutorAvailability: Delegate;
  tutoringSession: SessionDelegate;
  /** Only `previewTimeSlot` reads it (tutor names), unless `tutorNames` is given. */
  user?: Delegate;
  $queryRawUnsafe(query: string, ...values: Args[]): PromiseLike<Args>;
  $executeRawUnsafe(query: string, ...values: Args[]): PromiseLike<number>;
}

/** The part of a `PrismaClient` the services use (Prisma 5.14 and later, 6, 7). */
export interface SessionPrisma extends SessionDb {
  $transaction<R>(fn: (tx: Args) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}
