// `plan` on the native addon next to the WASI fallback (wasm32-wasip1-threads), same fixture
// as bench/plan.mjs, each in a process of its own (the WASI one with NAPI_RS_FORCE_WASI=error).
// Run from bindings-node/ after scripts/test.sh (or `npm run build` and the WASI build):
//
//   npm run bench:wasi       (= node bench/wasi.mjs)
//
// Not run by the tests. Checks both give the same plan before timing; prints medians.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { largeSnapshot, options } from './fixture.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = [['20,000', 4, 9], ['260,000', 52, 3]];

if (process.argv[2] === 'child') {
  const addon = createRequire(import.meta.url)('..');
  const snapshot = largeSnapshot(100, 50);
  const out = { target: addon.__napiBindingTarget, rows: [] };
  for (const [label, weeks, runs] of cases) {
    const opts = options(weeks);
    const digest = createHash('sha256').update(JSON.stringify(addon.plan(snapshot, opts))).digest('hex');
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      addon.plan(snapshot, opts);
      times.push(performance.now() - t);
    }
    out.rows.push({ label, digest, ms: median(times) });
  }
  console.log(JSON.stringify(out));
} else {
  const run = (env) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'child'], {
    encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, maxBuffer: 1 << 20,
  }));
  const native = run({ NAPI_RS_FORCE_WASI: '' });
  const wasi = run({ NAPI_RS_FORCE_WASI: 'error' });
  if (native.target !== 'native' || wasi.target !== 'wasm32-wasi') throw new Error(`loaded ${native.target} and ${wasi.target}`);
  console.log(`node ${process.version}; plan(snapshot, options), JS objects in and out, medians`);
  console.log('| occurrences | native | WASI | WASI ÷ native |');
  console.log('| --- | --- | --- | --- |');
  native.rows.forEach((n, i) => {
    const w = wasi.rows[i];
    if (n.digest !== w.digest) throw new Error(`${n.label}: the WASI plan differs from the native one`);
    console.log(`| ${n.label} | ${n.ms.toFixed(0)} ms | ${w.ms.toFixed(0)} ms | ${(w.ms / n.ms).toFixed(1)}× |`);
  });
}
