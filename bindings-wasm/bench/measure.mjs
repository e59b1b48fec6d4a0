// The measurements, the same in Node and in the browser: `measure(api, now)` times one
// `plan` of 1 class × 50 slots × 52 weeks and of 100 classes × 50 slots × 52 weeks
// (260,000 occurrences), through plan(value) and planJson(text). `now()` is a clock in ms.
import { largeSnapshot, options } from './fixture.mjs';

function timeIt(now, runs, f) {
  for (let i = 0; i < Math.min(10, runs); i++) f(); // warm-up: JIT, allocator, caches
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    f();
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)], min: times[0], runs };
}

export function measure(api, now) {
  const rows = [];
  for (const [label, classes, runs] of [['50 slots × 52 weeks', 1, 200], ['100 classes × 50 slots × 52 weeks', 100, 5]]) {
    const snapshot = largeSnapshot(classes, 50, 3, 0.1);
    const text = JSON.stringify(snapshot);
    const o = options(52);
    const plan = api.plan(snapshot, o);
    const occurrences = plan.create.length + plan.existing.length + plan.conflicts.length;
    rows.push({ label, occurrences, bytes: text.length, path: 'plan(value)', ...timeIt(now, runs, () => api.plan(snapshot, o)) });
    rows.push({ label, occurrences, bytes: text.length, path: 'planJson(text)', ...timeIt(now, runs, () => api.planJson(text, o)) });
  }
  return rows;
}
