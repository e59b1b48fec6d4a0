// Compile-time check (tsc --noEmit, run by scripts/test.sh): the API's generated PrismaClient
// is accepted by createSessionGenerator, and the services have the old signatures.
import { PrismaClient } from './generated/client.js';
import { createSessionGenerator, type TutoringSession, type MaintenanceResult } from './src/index.js';

declare const prisma: PrismaClient;
const services = createSessionGenerator(prisma, { onSessionsCreated: async (sessions: TutoringSession[], classId: string) => void [sessions, classId] });
export const created: Promise<TutoringSession[]> = services.generateSessionsForClass('c1', 4);
export const bySlot: Promise<TutoringSession[]> = services.generateSessionsForTimeSlot('s1', 4, new Date());
export const gaps: Promise<TutoringSession[]> = services.fillSessionGaps('c1', new Date(), new Date());
export const exists: Promise<boolean> = services.checkSessionsExist('c1', new Date());
export const cancelled: Promise<number> = services.cancelFutureSessionsForTimeSlot('s1', 'reason');
export const repriced: Promise<number> = services.recalculatePricesForTutor('t1', 5000);
export const maintained: Promise<MaintenanceResult> = services.maintainSessionWindow();
export const stats: Promise<{ activeClasses: number; classesWithTimeSlots: number; upcomingSessions: number }> = services.getMaintenanceStats();
