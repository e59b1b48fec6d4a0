// ESM entry point of @genova/sessions-native/prisma (the compiled CommonJS module).
import drop from './dist/prisma/index.js';

export const {
  createSessionGenerator, createRecurrencePatternService, loadSnapshot, withClassLocks, planOptions,
  NotFoundError, SessionDataError, LockTimeoutError, CallbackError,
  weekOf, MAINTENANCE_WEEKS, BATCH_SIZE, CLASS_LOCK_SQL,
} = drop;
export default drop;
