// Benchmark of `plan` through the addon, end to end (JS objects in, JS objects out), against
// a pure-JS implementation of the rules the input exercises (bench/purejs.mjs), at 20,000
// and 260,000 occurrences. Run from bindings-node/ after `npm run build`:
//
//   npm run bench            (= node bench/plan.mjs)
//
// Not run by the tests. Before timing, the pure-JS `create` list is checked equal to the
// addon's. Reports both ways across the boundary (JSON text parsed by JSON.parse, objects
// built from Rust), the ratio, and the longest event-loop stall while planAsync runs.
import { createRequire } from 'node:module';
import { largeSnapshot, options } from './fixture.mjs';
import { planCreates } from './purejs.mjs';

const require = createRequire(import.meta.url);
const addon = require('..');
// `planBuildingObjects` exists only in the benchmark's build (`--features bench`, which
// `npm run bench` writes to bench/.addon/), never in the published addon.
const { planBuildingObjects } = require('./.addon/genova-sessions.linux-x64-gnu.node');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(runs, fn) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The longest gap between 1 ms timer ticks while `planAsync` runs, and the call's own time. */
async function asyncStall(snapshot, opts) {
  let last = performance.now(), longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 20));
  last = performance.now();
  longest = 0;
  const t = performance.now();
  const promise = addon.planAsync(snapshot, opts);
  const callMs = performance.now() - t;
  const plan = await promise;
  const totalMs = performance.now() - t;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(ticker);
  return { longest, callMs, totalMs, created: plan.create.length };
}

const snapshot = largeSnapshot(100, 50);
console.log(`fixture: ${snapshot.classes.length} classes × ${snapshot.timeSlots.length / snapshot.classes.length} slots, ` +
  `${snapshot.tutorAssignments.length} ROUND_ROBIN assignments, ${snapshot.existingSessions.length} existing sessions; ` +
  `node ${process.version}, tzdb ${addon.tzdbVersion()}`);
const rows = [];
for (const [label, weeks, runs] of [['20,000', 4, 15], ['260,000', 52, 5]]) {
  const opts = options(weeks);
  const plan = addon.plan(snapshot, opts);
  const occurrences = plan.create.length + plan.existing.length + plan.conflicts.length + plan.skipped.length;
  const pure = planCreates(snapshot, opts);
  if (JSON.stringify(pure) !== JSON.stringify(plan.create)) throw new Error(`${label}: the pure-JS create list differs from the addon's`);
  if (JSON.stringify(planBuildingObjects(snapshot, opts)) !== JSON.stringify(plan)) throw new Error('the two boundary ways differ');
  const viaJson = time(runs, () => addon.plan(snapshot, opts));
  const viaObjects = time(runs, () => planBuildingObjects(snapshot, opts));
  const pureJs = time(Math.max(3, Math.floor(runs / 3)), () => planCreates(snapshot, opts));
  const stall = await asyncStall(snapshot, opts);
  rows.push({ label, occurrences, create: plan.create.length, viaJson, viaObjects, pureJs, stall });
}
const ms = (x) => `${x.toFixed(0)} ms`;
console.log('\n| occurrences | addon, JSON text + JSON.parse (kept) | addon, objects built in Rust | pure JS | pure JS ÷ addon | planAsync: longest event-loop stall (call / total) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const best = Math.min(r.viaJson, r.viaObjects);
  console.log(`| ${r.occurrences.toLocaleString('en')} (${r.create.toLocaleString('en')} to create) | ${ms(r.viaJson)} | ${ms(r.viaObjects)} | ${ms(r.pureJs)} | ${(r.pureJs / best).toFixed(1)}× | ${ms(r.stall.longest)} (${ms(r.stall.callMs)} / ${ms(r.stall.totalMs)}) |`);
}
