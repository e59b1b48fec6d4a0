// ESM entry point of @genova/sessions-native/prisma (the compiled CommonJS module).
import drop from './dist/prisma/index.js';

export const { createSessionGenerator, NotFoundError, weekOf, MAINTENANCE_WEEKS } = drop;
export default drop;
