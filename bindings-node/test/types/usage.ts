// Compiled (never run) by scripts/test.sh (`tsc -p test/types/tsconfig.json`): index.d.ts,
// generated from the Rust types, describes the exports as a TypeScript caller uses them.
// Each `@ts-expect-error` must be an error.
import { availableTutors, cascadeSlotDeactivated, cascadeWeekCancelled, mergePlans, plan, planAsync, planJson, repriceTutor, tzdbVersion } from '../../index.js';
import type { Cancel, ConflictKind, Create, ErrorCode, FunctionOptions, Move, Plan, PlanOptions, Reprice, Snapshot, Warning } from '../../index.js';

export async function example(): Promise<string[]> {
  // Rows as Prisma returns them: Dates for instants, a Decimal-like object for money.
  const decimal = { toString: () => '4500.50' };
  const snapshot: Snapshot = {
    classes: [{ id: 'c1', isActive: true, timezone: 'Africa/Douala', name: null, memberCount: 12 }],
    timeSlots: [{ id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true, createdAt: new Date() }],
    tutorAssignments: [
      {
        id: 'a1', classId: 'c1', timeSlotId: null, subject: 'Maths', tutorId: 't1', recurrencePattern: 'ROUND_ROBIN',
        recurrenceConfig: { anything: [1, 'goes'] }, startDate: null, status: 'ACCEPTED', isActive: true, createdAt: new Date('2026-11-02T08:00:00Z'),
      },
    ],
    tutors: [{ id: 't1', hourlyRate: 5000 }, { id: 't2', hourlyRate: decimal, availability: [] }],
    existingSessions: [{ id: 'e1', classId: 'c1', subject: 'Maths', scheduledStart: new Date(), scheduledEnd: '2026-12-07T15:00:00Z', status: 'PENDING', price: '10.00' }],
  };
  const options: PlanOptions = { now: new Date(), weeks: 4, defaultTimezone: 'UTC', legacyTimezone: 'Europe/Paris' };
  const p: Plan = plan(snapshot, options);
  const again: Plan = planJson(JSON.stringify(snapshot), { now: '2026-11-30T00:00:00Z', weeks: 4 });
  const later: Plan = await planAsync(snapshot, options);
  const merged: Plan = mergePlans([p, later], snapshot.existingSessions ?? []);
  const first: Create | undefined = p.create[0];
  const tutor: string | null = first ? first.tutorId : null;
  const moves: Move[] = p.moves;
  const kind: ConflictKind | undefined = p.conflicts[0]?.kind;
  const legacy: ConflictKind = 'LEGACY_DUPLICATE';
  const warnings: Warning[] = again.warnings;
  const fo: FunctionOptions = { defaultTimezone: 'Africa/Douala' };
  const who: string[] = availableTutors(snapshot, { classId: 'c1', subject: 'Maths', scheduledStart: new Date(), scheduledEnd: '2026-12-07T15:00:00Z' }, fo).tutorIds;
  const slot: Cancel = cascadeSlotDeactivated(snapshot, { timeSlotId: 's1', now: new Date() });
  const week: Cancel = cascadeWeekCancelled(snapshot, { cancellationId: 'x1', now: '2026-11-30T00:00:00Z' }, null);
  const reprice: Reprice = repriceTutor(snapshot, { tutorId: 't1', hourlyRate: decimal, now: '2026-11-30T00:00:00Z' });
  const codes: ErrorCode[] = ['INPUT_TOO_LARGE', 'INVALID_JSON', 'INVALID_OPTION', 'INVALID_FIELD', 'NOT_FOUND', 'INTERNAL'];

  // @ts-expect-error weeks is a number
  plan(snapshot, { now: '2026-11-30T00:00:00Z', weeks: '4' });
  // @ts-expect-error the options are required
  plan(snapshot);
  // @ts-expect-error a class needs isActive
  const noActive: Snapshot = { classes: [{ id: 'c1' }] };
  // @ts-expect-error tutorId of a result may be null
  const notNull: string = p.create[0].tutorId;
  // @ts-expect-error the status is one of two
  const wrongStatus: Create['status'] = 'CANCELLED';
  // @ts-expect-error a result's instant is a string, not a Date
  const start: Date = p.create[0].scheduledStart;

  return [tzdbVersion(), String(tutor), String(moves.length), String(kind), legacy, String(warnings.length), ...who, String(merged.summary.errors),
    String(slot.cancel.length + week.cancel.length), String(reprice.updates.length), ...codes, String(noActive), notNull, wrongStatus, String(start)];
}
