/* tslint:disable */
/* eslint-disable */

/**
 * An instant in RFC 3339 form. Results hold UTC with milliseconds
 * (`"2026-11-30T13:00:00.000Z"`); inputs accept any offset, and a JS `Date`, read as its
 * `toISOString()`.
 */
export type Instant = string;

/**
 * An exact decimal amount: a string matching `^[+-]?\d+(\.\d+)?$`, a number read from its
 * shortest round-trip text (`String(n)`, so `0.1` is one tenth), or any object with its own
 * `toString` (a Prisma / decimal.js `Decimal`), read as `String(x)`.
 */
export type Money = string | number | { toString(): string };

/** An id, subject or price string of a result. */
export type Id = string;

/** The codes of the `Error`s the exports throw (`error.code`): docs/errors.md. */
export type ErrorCode = "INPUT_TOO_LARGE" | "INVALID_JSON" | "INVALID_OPTION" | "INVALID_FIELD" | "NOT_FOUND" | "INTERNAL";


/**
 * A cancelled occurrence (R13).
 */
export interface Skipped {
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot.
     */
    timeSlotId: Id;
    /**
     * The occurrence's start.
     */
    scheduledStart: Instant;
    /**
     * `SLOT_CANCELLED`.
     */
    reason: SkipReason;
    /**
     * The cancellation (the smallest id when several name it, R12).
     */
    cancellationId: Id;
}

/**
 * A class.
 */
export interface Class {
    /**
     * Unique id.
     */
    id: string;
    /**
     * Display name (not used by the rules).
     */
    name?: string | null;
    /**
     * Only active classes produce sessions.
     */
    isActive: boolean;
    /**
     * IANA zone of the class's wall times; `None` means the options' `defaultTimezone`.
     */
    timezone?: string | null;
    /**
     * Active members; prices multiply by `max(memberCount, 1)`. Absent is 0. Integers beyond
     * the `i64` range are saturated.
     */
    memberCount?: number;
    /**
     * Hourly rate of sessions without a tutor; `None` prices them `0.00`.
     */
    defaultHourlyRate?: Money | null;
}

/**
 * A new price for one session.
 */
export interface PriceUpdate {
    /**
     * The session.
     */
    sessionId: string;
    /**
     * The new price, two decimals.
     */
    price: string;
}

/**
 * A problem in one class or slot: it produced nothing, everything else was planned.
 */
export interface DataError {
    /**
     * What.
     */
    code: DataErrorCode;
    /**
     * Free text for people, naming the value at fault.
     */
    message: string;
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot, `null` for a class-level error.
     */
    timeSlotId: Id | null;
}

/**
 * A row the old generator stored at an occurrence's legacy instants, and where it belongs
 * (R28 step 3). Applying it changes only the row's `scheduledStart` and `scheduledEnd` (R30).
 */
export interface Move {
    /**
     * The row to move.
     */
    sessionId: Id;
    /**
     * Class.
     */
    classId: Id;
    /**
     * The slot whose occurrence the row is.
     */
    timeSlotId: Id;
    /**
     * The row's stored start (the occurrence's legacy start).
     */
    fromStart: Instant;
    /**
     * The row's stored end (the occurrence's legacy end).
     */
    fromEnd: Instant;
    /**
     * The occurrence's start: where the row belongs.
     */
    scheduledStart: Instant;
    /**
     * The occurrence's end.
     */
    scheduledEnd: Instant;
}

/**
 * A session already stored.
 */
export interface ExistingSession {
    /**
     * Unique id.
     */
    id: string;
    /**
     * Its class.
     */
    classId: string;
    /**
     * Its tutor, if any.
     */
    tutorId?: string | null;
    /**
     * Subject.
     */
    subject: string;
    /**
     * Start instant.
     */
    scheduledStart: Instant | Date;
    /**
     * End instant.
     */
    scheduledEnd: Instant | Date;
    /**
     * `PENDING`, `CONFIRMED`, `COMPLETED`, `CANCELLED` (other strings match none of them).
     */
    status: string;
    /**
     * Stored price.
     */
    price?: Money | null;
    /**
     * Stored cancellation reason.
     */
    cancellationReason?: string | null;
}

/**
 * A session to create.
 */
export interface Create {
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot it was generated from.
     */
    timeSlotId: Id;
    /**
     * The slot's subject.
     */
    subject: Id;
    /**
     * Start (UTC).
     */
    scheduledStart: Instant;
    /**
     * End (UTC).
     */
    scheduledEnd: Instant;
    /**
     * The tutor, `null` when unassigned (or the claimed tutor is unknown, R19).
     */
    tutorId: Id | null;
    /**
     * The claiming assignment, if any.
     */
    assignmentId: Id | null;
    /**
     * `CONFIRMED` with a tutor, else `PENDING`.
     */
    status: SessionStatus;
    /**
     * Exact price with two decimals.
     */
    price: Id;
    /**
     * `k` when a ROUND_ROBIN or CONSECUTIVE_DAYS assignment claimed, else `null`.
     */
    ordinal: number | null;
}

/**
 * A tutor and the rate they charge.
 */
export interface Tutor {
    /**
     * The tutor's user id.
     */
    id: string;
    /**
     * Hourly rate.
     */
    hourlyRate: Money;
    /**
     * When the tutor can teach; no active entry means always.
     */
    availability?: Availability[];
}

/**
 * A tutor assignment: who may take a slot's (or a subject's) sessions, and by which pattern.
 */
export interface TutorAssignment {
    /**
     * Unique id; breaks `createdAt` ties.
     */
    id: string;
    /**
     * The class it belongs to.
     */
    classId: string;
    /**
     * The slot it names, or `None` for every slot of `subject` in the class.
     */
    timeSlotId?: string | null;
    /**
     * Subject (matched against slots when `timeSlotId` is `None`).
     */
    subject: string;
    /**
     * The tutor's user id.
     */
    tutorId: string;
    /**
     * `ROUND_ROBIN`, `WEEKLY`, `CONSECUTIVE_DAYS` or `MANUAL`; anything else is reported.
     */
    recurrencePattern: string;
    /**
     * Free JSON configuration of the pattern (§3.4, R16).
     */
    recurrenceConfig?: unknown;
    /**
     * First local date it applies to (R10), if bounded.
     */
    startDate?: Instant | Date | null;
    /**
     * Last local date it applies to (R10), if bounded.
     */
    endDate?: Instant | Date | null;
    /**
     * Only `ACCEPTED` assignments apply.
     */
    status: string;
    /**
     * Only active assignments apply.
     */
    isActive: boolean;
    /**
     * Orders applicable assignments (then `id`).
     */
    createdAt: Instant | Date;
}

/**
 * A warning: the plan is still complete.
 */
export interface Warning {
    /**
     * What.
     */
    code: WarningCode;
    /**
     * Free text for people.
     */
    message: string;
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot, when the warning is about one (R24).
     */
    timeSlotId: Id | null;
    /**
     * Assignment.
     */
    assignmentId: Id | null;
    /**
     * Tutor.
     */
    tutorId: Id | null;
}

/**
 * A weekly time slot of a class.
 */
export interface TimeSlot {
    /**
     * Unique id.
     */
    id: string;
    /**
     * The class it belongs to.
     */
    classId: string;
    /**
     * Subject name; sessions carry it.
     */
    subject: string;
    /**
     * 0 = Sunday … 6 = Saturday; anything else makes the slot invalid (R8). Saturated to
     * the `i64` range.
     */
    dayOfWeek: number;
    /**
     * Local start time, `HH:MM` when valid.
     */
    startTime: string;
    /**
     * Local end time, `HH:MM` or `24:00` when valid.
     */
    endTime: string;
    /**
     * Only active slots produce sessions.
     */
    isActive: boolean;
    /**
     * Creation time; it has no effect on planning (R15).
     */
    createdAt?: Instant | Date | null;
}

/**
 * An occurrence blocked by an overlapping existing session; one entry per session.
 */
export interface Conflict {
    /**
     * Why it conflicts.
     */
    kind: ConflictKind;
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot.
     */
    timeSlotId: Id;
    /**
     * The occurrence's start.
     */
    scheduledStart: Instant;
    /**
     * The occurrence's end.
     */
    scheduledEnd: Instant;
    /**
     * The existing session.
     */
    sessionId: Id;
    /**
     * Free text for people.
     */
    detail: string;
}

/**
 * An occurrence that already exists as a session.
 */
export interface Existing {
    /**
     * The matching session (the smallest id of the exact matches).
     */
    sessionId: Id;
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot.
     */
    timeSlotId: Id;
    /**
     * The occurrence's start.
     */
    scheduledStart: Instant;
}

/**
 * Counts: list lengths and classes (R5, R24).
 */
export interface Summary {
    /**
     * Active classes with active slots and a known zone.
     */
    classesProcessed: number;
    /**
     * Active classes without an active slot.
     */
    classesSkipped: number;
    /**
     * Length of `create`.
     */
    sessionsToCreate: number;
    /**
     * Length of `existing`.
     */
    existingPreserved: number;
    /**
     * Length of `moves` (not counted in `existingPreserved`, R30).
     */
    legacyMoves: number;
    /**
     * Length of `conflicts` (entries, not occurrences).
     */
    conflicts: number;
    /**
     * Length of `skipped`.
     */
    skippedCancelled: number;
    /**
     * Length of `warnings` after de-duplication.
     */
    warnings: number;
    /**
     * Length of `errors`.
     */
    errors: number;
}

/**
 * Error codes of problems in the data (§4).
 */
export type DataErrorCode = "UNKNOWN_TIMEZONE" | "INVALID_SLOT";

/**
 * Everything a computation reads: plain data shaped like the platform's Prisma rows.
 */
export interface Snapshot {
    /**
     * Classes (`classes`).
     */
    classes?: Class[];
    /**
     * Weekly time slots (`timeSlots`).
     */
    timeSlots?: TimeSlot[];
    /**
     * Cancelled weeks of slots (`slotCancellations`).
     */
    slotCancellations?: SlotCancellation[];
    /**
     * Tutor assignments with their recurrence patterns (`tutorAssignments`).
     */
    tutorAssignments?: TutorAssignment[];
    /**
     * Tutors with their rates and availability (`tutors`); the first row of an id wins.
     */
    tutors?: Tutor[];
    /**
     * Sessions already in the database (`existingSessions`).
     */
    existingSessions?: ExistingSession[];
}

/**
 * One availability entry of a tutor: recurring on a weekday, or one-time on a date.
 */
export interface Availability {
    /**
     * Weekday of a recurring entry (0 = Sunday).
     */
    dayOfWeek?: number | null;
    /**
     * Date of a one-time entry (R10).
     */
    specificDate?: Instant | Date | null;
    /**
     * Local start, `HH:MM`.
     */
    startTime: string;
    /**
     * Local end, `HH:MM` or `24:00`; at or before the start it is on the next day.
     */
    endTime: string;
    /**
     * Recurring weekly (`true`) or one-time (`false`).
     */
    isRecurring: boolean;
    /**
     * Inactive entries are ignored.
     */
    isActive: boolean;
}

/**
 * One cancelled week of one slot.
 */
export interface SlotCancellation {
    /**
     * Unique id.
     */
    id: string;
    /**
     * The slot whose occurrence is cancelled.
     */
    timeSlotId: string;
    /**
     * A Monday 00:00 written in some offset; names the week nearest to it (R11).
     */
    weekStart: Instant | Date;
    /**
     * Why (used in `cascadeWeekCancelled`'s reason).
     */
    reason?: string | null;
}

/**
 * One planned session a tutor warning is about (see [`Plan::findings`]).
 */
export interface Finding {
    /**
     * `TUTOR_NOT_FOUND`, `TUTOR_DOUBLE_BOOKED` or `TUTOR_UNAVAILABLE`.
     */
    code: WarningCode;
    /**
     * Class.
     */
    classId: Id;
    /**
     * Slot.
     */
    timeSlotId: Id;
    /**
     * The session's start.
     */
    scheduledStart: Instant;
    /**
     * The session's end.
     */
    scheduledEnd: Instant;
    /**
     * The claiming assignment.
     */
    assignmentId: Id | null;
    /**
     * The tutor (the claimed one for `TUTOR_NOT_FOUND`).
     */
    tutorId: Id | null;
}

/**
 * One session to cancel, with the reason to store.
 */
export interface CancelSession {
    /**
     * The session.
     */
    sessionId: string;
    /**
     * `time slot <id> deactivated`, or `week of <Monday> cancelled (<id>)[: <reason>]`.
     */
    cancellationReason: string;
}

/**
 * Options of `plan` and `planJson` (docs/snapshot.md#options): the window
 * `[now, now + weeks × 7 days)`, the zone of classes without one, and the old generator's.
 */
export interface PlanOptions {
    /**
     * The planning instant, RFC 3339 (a `Date` is read as its `toISOString()`); the engine
     * never reads a clock.
     */
    now: Instant | Date;
    /**
     * Length of the window in weeks, 1..=52.
     */
    weeks: number;
    /**
     * IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
     */
    defaultTimezone?: string;
    /**
     * IANA zone the old TypeScript generator ran in: its rows, stored at the slots' wall
     * times read in that zone, are recognised and listed in `moves` instead of being
     * duplicated (docs/rules.md, R27–R30). `null` or absent: off.
     */
    legacyTimezone?: string;
}

/**
 * Options of the four functions (docs/functions.md): only `defaultTimezone` is read.
 */
export interface FunctionOptions {
    /**
     * IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
     */
    defaultTimezone?: string;
}

/**
 * Result of both cascades: the sessions to cancel.
 */
export interface Cancel {
    /**
     * Sorted by session id.
     */
    cancel: CancelSession[];
}

/**
 * Session status written on created sessions (§3.5).
 */
export type SessionStatus = "PENDING" | "CONFIRMED";

/**
 * The planning window: the absolute interval `[start, end)` (§3.1).
 */
export interface Window {
    /**
     * `now` truncated to milliseconds (R2).
     */
    start: Instant;
    /**
     * `start + weeks × 604,800 s`.
     */
    end: Instant;
}

/**
 * Warning codes (§4).
 */
export type WarningCode = "INVALID_RECURRENCE_CONFIG" | "UNKNOWN_RECURRENCE_PATTERN" | "TUTOR_NOT_FOUND" | "TUTOR_DOUBLE_BOOKED" | "TUTOR_UNAVAILABLE";

/**
 * What kind of conflict an overlapping existing session is (R22).
 */
export type ConflictKind = "CANCELLED_SESSION" | "OTHER_SUBJECT" | "OTHER_TIMES" | "LEGACY_DUPLICATE";

/**
 * What planning found: sessions to create, existing ones preserved, conflicts, skipped
 * weeks, warnings and errors in the data, and a summary (docs/plan.md).
 *
 * Serializes to exactly the JSON of docs/plan.md: keys in the order shown there, `null` for fields
 * that do not apply, UTC instants with milliseconds, money as 2-decimal strings.
 */
export interface Plan {
    /**
     * [`FORMAT_VERSION`]: `"1.1"` (1.1 added `moves` and `summary.legacyMoves`).
     */
    formatVersion: string;
    /**
     * The window planned.
     */
    window: Window;
    /**
     * Sessions to create, by (classId, scheduledStart, timeSlotId).
     */
    create: Create[];
    /**
     * Occurrences that already exist, by (classId, scheduledStart, timeSlotId, sessionId).
     */
    existing: Existing[];
    /**
     * Rows the old generator stored at an occurrence's legacy instants, to move to the
     * occurrence's (§3.9, R28); same order as `existing`. Empty unless `legacyTimezone` is set.
     */
    moves: Move[];
    /**
     * Occurrences blocked by an overlapping existing session, same order as `existing`.
     */
    conflicts: Conflict[];
    /**
     * Cancelled occurrences, by (classId, scheduledStart, timeSlotId).
     */
    skipped: Skipped[];
    /**
     * Warnings, by (classId, timeSlotId, code, assignmentId, tutorId), de-duplicated.
     */
    warnings: Warning[];
    /**
     * Errors in the data, by (classId, timeSlotId, code).
     */
    errors: DataError[];
    /**
     * Counts.
     */
    summary: Summary;
}

/**
 * Why an occurrence was skipped.
 */
export type SkipReason = "SLOT_CANCELLED";

/**
 * `availableTutors` request: who can take a session of `subject` in `classId` over
 * `[scheduledStart, scheduledEnd)`.
 */
export interface AvailableTutorsRequest {
    /**
     * Class.
     */
    classId: string;
    /**
     * Subject (matched against the assignments' own `subject`).
     */
    subject: string;
    /**
     * Start of the range.
     */
    scheduledStart: Instant | Date;
    /**
     * End of the range, not before the start.
     */
    scheduledEnd: Instant | Date;
}

/**
 * `availableTutors` result.
 */
export interface AvailableTutors {
    /**
     * Tutor ids, sorted, without duplicates.
     */
    tutorIds: string[];
}

/**
 * `cascadeSlotDeactivated` request.
 */
export interface SlotDeactivatedRequest {
    /**
     * The deactivated slot.
     */
    timeSlotId: string;
    /**
     * Sessions starting at or after this instant (truncated to milliseconds) are cancelled.
     */
    now: Instant | Date;
}

/**
 * `cascadeWeekCancelled` request.
 */
export interface WeekCancelledRequest {
    /**
     * The slot cancellation just created.
     */
    cancellationId: string;
    /**
     * Sessions starting at or after this instant (truncated to milliseconds) are cancelled.
     */
    now: Instant | Date;
}

/**
 * `repriceTutor` request.
 */
export interface RepriceRequest {
    /**
     * The tutor.
     */
    tutorId: string;
    /**
     * The new hourly rate.
     */
    hourlyRate: Money;
    /**
     * Sessions starting at or after this instant (truncated to milliseconds) are repriced.
     */
    now: Instant | Date;
}

/**
 * `repriceTutor` result.
 */
export interface Reprice {
    /**
     * Sorted by session id; only prices that change.
     */
    updates: PriceUpdate[];
}


declare function __wbg_reset_state(): void;

/**
 * The tutors who could take a session: `{ tutorIds }`, sorted. Throws `NOT_FOUND` for an
 * unknown class.
 */
export function availableTutors(snapshot: Snapshot, request: AvailableTutorsRequest, options?: FunctionOptions | null): AvailableTutors;

/**
 * The sessions to cancel when a time slot is deactivated: `{ cancel }`. Throws `NOT_FOUND`
 * for an unknown slot.
 */
export function cascadeSlotDeactivated(snapshot: Snapshot, request: SlotDeactivatedRequest, options?: FunctionOptions | null): Cancel;

/**
 * The sessions to cancel when one week of a slot is cancelled: `{ cancel }`. Throws
 * `NOT_FOUND` for an unknown cancellation.
 */
export function cascadeWeekCancelled(snapshot: Snapshot, request: WeekCancelledRequest, options?: FunctionOptions | null): Cancel;

/**
 * Plans sessions for a snapshot and options `{ now, weeks, defaultTimezone?, legacyTimezone? }`.
 *
 * Returns the plan as plain objects: `JSON.stringify(plan(s, o)) + "\n"` is what
 * `genova-sessions plan --input` prints for the same input. Throws an `Error` with a `code`
 * (`INPUT_TOO_LARGE`, `INVALID_OPTION`, `INVALID_FIELD`) when the input cannot be read.
 */
export function plan(snapshot: Snapshot, options: PlanOptions): Plan;

/**
 * Plans from snapshot JSON text: the CLI's path, so numbers keep their JSON types
 * (`1.0` is not an integer there). Also throws `INVALID_JSON`.
 */
export function planJson(text: string, options: PlanOptions): Plan;

/**
 * The new prices of a tutor's future `PENDING` sessions after a rate change: `{ updates }`.
 * Throws `NOT_FOUND` for an unknown tutor.
 */
export function repriceTutor(snapshot: Snapshot, request: RepriceRequest, options?: FunctionOptions | null): Reprice;

/**
 * The version of the IANA time zone database compiled in (e.g. `2025b`), the same on
 * every surface.
 */
export function tzdbVersion(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly availableTutors: (a: any, b: any, c: number) => [number, number, number];
    readonly cascadeSlotDeactivated: (a: any, b: any, c: number) => [number, number, number];
    readonly cascadeWeekCancelled: (a: any, b: any, c: number) => [number, number, number];
    readonly plan: (a: any, b: any) => [number, number, number];
    readonly planJson: (a: any, b: any) => [number, number, number];
    readonly repriceTutor: (a: any, b: any, c: number) => [number, number, number];
    readonly tzdbVersion: () => [number, number];
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
