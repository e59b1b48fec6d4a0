// Compiled (never run) by test/types.test.mjs: the generated declarations describe the
// exports as a TypeScript caller uses them. Each `@ts-expect-error` must be an error.
import init, { availableTutors, cascadeWeekCancelled, plan, planJson, repriceTutor, tzdbVersion } from '../../pkg/web/genova_sessions_wasm.js';
import type { Cancel, Create, FunctionOptions, Plan, PlanOptions, Reprice, Snapshot, Warning } from '../../pkg/web/genova_sessions_wasm.js';
import * as nodeBuild from '../../pkg/node/genova_sessions_wasm.js';

export async function example(): Promise<string[]> {
  await init();
  // Rows as the API has them: optional fields absent or null, money as a number or a string.
  const snapshot: Snapshot = {
    classes: [{ id: 'c1', isActive: true, timezone: 'Africa/Douala', name: null, memberCount: 12 }],
    timeSlots: [{ id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true }],
    tutorAssignments: [
      {
        id: 'a1', classId: 'c1', timeSlotId: null, subject: 'Maths', tutorId: 't1', recurrencePattern: 'ROUND_ROBIN',
        recurrenceConfig: { anything: [1, 'goes'] }, startDate: null, status: 'ACCEPTED', isActive: true, createdAt: '2026-11-02T08:00:00Z',
      },
    ],
    tutors: [{ id: 't1', hourlyRate: 5000 }, { id: 't2', hourlyRate: '4500.50', availability: [] }],
  };
  const options: PlanOptions = { now: new Date(), weeks: 4, defaultTimezone: 'UTC' };
  const p: Plan = plan(snapshot, options);
  const again: Plan = planJson(JSON.stringify(snapshot), { now: '2026-11-30T00:00:00Z', weeks: 4 });
  const first: Create | undefined = p.create[0];
  const tutor: string | null = first ? first.tutorId : null;
  const ordinal: number | null = first ? first.ordinal : null;
  const status: 'PENDING' | 'CONFIRMED' | undefined = first?.status;
  const warnings: Warning[] = again.warnings;
  const counts: number = p.summary.sessionsToCreate + p.summary.errors;
  const fo: FunctionOptions = { defaultTimezone: 'Africa/Douala' };
  const who: string[] = availableTutors(snapshot, { classId: 'c1', subject: 'Maths', scheduledStart: '2026-12-07T13:00:00Z', scheduledEnd: '2026-12-07T15:00:00Z' }, fo).tutorIds;
  const cancel: Cancel = cascadeWeekCancelled(snapshot, { cancellationId: 'x1', now: '2026-11-30T00:00:00Z' });
  const reprice: Reprice = repriceTutor(snapshot, { tutorId: 't1', hourlyRate: '6000', now: '2026-11-30T00:00:00Z' });
  const fromNode: Plan = nodeBuild.plan(snapshot, options);

  // @ts-expect-error weeks is a number
  plan(snapshot, { now: '2026-11-30T00:00:00Z', weeks: '4' });
  // @ts-expect-error a class needs isActive
  const noActive: Snapshot = { classes: [{ id: 'c1' }] };
  // @ts-expect-error tutorId of a result may be null
  const notNull: string = p.create[0].tutorId;
  // @ts-expect-error the status is one of two
  const wrongStatus: Create['status'] = 'CANCELLED';

  return [tzdbVersion(), String(tutor), String(ordinal), String(status), String(warnings.length), String(counts), ...who,
    String(cancel.cancel.length), String(reprice.updates.length), String(fromNode.summary.errors), String(noActive), notNull, wrongStatus];
}
