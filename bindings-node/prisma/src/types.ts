// The shapes the session services exchange with the API, and the part of a PrismaClient
// they use (structural, so the API's own generated client fits without this package
// depending on it).

/** A Prisma `Decimal` (decimal.js), or anything whose `toString()` is a decimal. */
export interface DecimalLike {
  toString(): string;
}

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
  errors: Array<{ classId: string; error: string }>;
  /** Milliseconds. */
  duration: number;
}

/** What `getMaintenanceStats` reports. */
export interface MaintenanceStats {
  activeClasses: number;
  classesWithTimeSlots: number;
  upcomingSessions: number;
}

/** Options of `createSessionGenerator`. */
export interface SessionGeneratorOptions {
  /** Called after a class's sessions are committed (the API sends its notifications here). */
  onSessionsCreated?: (sessions: TutoringSession[], classId: string) => void | Promise<void>;
  /** Zone of classes whose creator's country gives none; `UTC` by default. */
  defaultTimezone?: string;
  /** The clock (tests pass a fixed one); `() => new Date()` by default. */
  now?: () => Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Args = any;
interface Delegate {
  findMany(args?: Args): PromiseLike<Args[]>;
  count(args?: Args): PromiseLike<number>;
}
interface SessionDelegate extends Delegate {
  createManyAndReturn(args: Args): PromiseLike<Args[]>;
  updateMany(args: Args): PromiseLike<{ count: number }>;
}

/** The part of a `PrismaClient` the services use. */
export interface SessionPrisma {
  class: Delegate;
  classTimeSlot: Delegate;
  classSlotCancellation: Delegate;
  classTutorAssignment: Delegate;
  tutorProfile: Delegate;
  tutorAvailability: Delegate;
  tutoringSession: SessionDelegate;
  $transaction(operations: PromiseLike<Args>[]): Promise<Args[]>;
}
