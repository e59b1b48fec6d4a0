// The errors the drop-in rejects with. Each has a `code` to branch on (as the addon's errors
// carry SPEC §5's), so a route can map them to HTTP statuses without reading messages.
import type { DataError, Warning } from '../../index';
import type { CallbackFailure } from './types';

/** An unknown class, slot or tutor; `code` is `NOT_FOUND`. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * The class's data cannot be planned as asked: its zone is unknown (`UNKNOWN_TIMEZONE`), or a
 * slot it should generate is invalid (`INVALID_SLOT`, e.g. `startTime` `"9:5"`). `code` is the
 * first error's; `errors` lists them all (SPEC §4 entries naming the class and slot) and
 * `warnings` the plan's warnings. Nothing was written for the class: fix the data and call
 * again.
 */
export class SessionDataError extends Error {
  readonly code: DataError['code'];
  readonly classId: string;
  readonly errors: DataError[];
  readonly warnings: Warning[];
  constructor(classId: string, errors: DataError[], warnings: Warning[]) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super(`class ${classId} cannot be planned: ${first.code}: ${first.message}${more}; nothing was written`);
    this.name = 'SessionDataError';
    this.code = first.code;
    this.classId = classId;
    this.errors = errors;
    this.warnings = warnings;
  }
}

/**
 * Another writer (an API instance, the CLI's `migrate`/`maintain`) held a class's advisory
 * lock for longer than `lockTimeout`; `code` is `LOCK_TIMEOUT`. Nothing was written: retry
 * later.
 */
export class LockTimeoutError extends Error {
  readonly code = 'LOCK_TIMEOUT';
  readonly classIds: string[];
  readonly waitedMs: number;
  constructor(classIds: string[], waitedMs: number, options?: { cause?: unknown }) {
    const which = classIds.length === 1 ? `class ${classIds[0]}` : `${classIds.length} classes starting at ${classIds[0]}`;
    super(`another writer held the lock on ${which} for more than ${waitedMs} ms (lockTimeout); nothing was written`, options);
    this.name = 'LockTimeoutError';
    this.classIds = classIds;
    this.waitedMs = waitedMs;
  }
}

/**
 * `onSessionsCreated` or `onPlanProblems` threw after the rows were committed; `code` is
 * `CALLBACK_FAILED`. Never a rejection: it goes to `onCallbackError`, or by default to
 * `process.emitWarning`.
 */
export class CallbackError extends Error {
  readonly code = 'CALLBACK_FAILED';
  readonly callback: CallbackFailure['callback'];
  readonly classId: string;
  /** The committed sessions the callback was given. */
  readonly sessions: CallbackFailure['sessions'];
  constructor(cause: unknown, failure: CallbackFailure) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${failure.callback} failed for class ${failure.classId} after ${failure.sessions.length} session(s) were committed: ${why}`, { cause });
    this.name = 'CallbackError';
    this.callback = failure.callback;
    this.classId = failure.classId;
    this.sessions = failure.sessions;
  }
}
