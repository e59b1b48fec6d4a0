// Compile-time check against Prisma Client 5.22 (the platform's version today), run by
// scripts/test.sh: the client `prisma generate --no-engine` makes from ../schema.prisma (as a
// prisma-client-js schema, see schema.sh) is accepted by the drop-in with the old signatures.
// The same checks as ../typecheck.ts, which runs against Prisma Client 7.
import { Prisma, PrismaClient } from '@prisma/client';
import {
  createRecurrencePatternService, createSessionGenerator, loadSnapshot, withClassLocks,
  type MaintenanceResult, type SessionPreview, type TutoringSession,
} from '../src/index.js';
import type { Snapshot } from '../../index.js';

declare const prisma: PrismaClient;
const services = createSessionGenerator(prisma, { onSessionsCreated: async (sessions: TutoringSession[], classId: string) => void [sessions, classId] });
export const created: Promise<TutoringSession[]> = services.generateSessionsForClass('c1', 4);
export const bySlot: Promise<TutoringSession[]> = services.generateSessionsForTimeSlot('s1', 4, new Date());
export const gaps: Promise<TutoringSession[]> = services.fillSessionGaps('c1', new Date(), new Date());
export const exists: Promise<boolean> = services.checkSessionsExist('c1', new Date());
export const cancelled: Promise<number> = services.cancelFutureSessionsForTimeSlot('s1', 'reason');
export const repriced: Promise<number> = services.recalculatePricesForTutor('t1', 5000);
export const repricedDecimal: Promise<number> = services.recalculatePricesForTutor('t1', new Prisma.Decimal('5000.50'));
export const maintained: Promise<MaintenanceResult> = services.maintainSessionWindow();
export const stats: Promise<{ activeClasses: number; classesWithTimeSlots: number; upcomingSessions: number }> = services.getMaintenanceStats();

const patterns = createRecurrencePatternService(prisma);
declare const assignments: Awaited<ReturnType<PrismaClient['classTutorAssignment']['findMany']>>;
declare const sessions: Awaited<ReturnType<PrismaClient['tutoringSession']['findMany']>>;
export const next: Promise<string | null> = patterns.getNextTutor('s1', new Date(), assignments);
export const applied: Promise<Map<string, string>> = patterns.applyPattern(sessions, assignments);
export const preview: Promise<SessionPreview[]> = patterns.previewTimeSlot('c1', 's1', 4, { assignments });

export const snapshot: Promise<Snapshot> = loadSnapshot(prisma, { classIds: ['c1'] });
export const inTx: Promise<Snapshot> = prisma.$transaction((tx) => loadSnapshot(tx, { classIds: ['c1'] }));
export const locked: Promise<number> = withClassLocks(prisma, ['c1'], async (tx) => tx.tutoringSession.count({ where: { classId: 'c1' } }));
