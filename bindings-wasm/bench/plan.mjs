#!/usr/bin/env node
// `npm run bench` (not part of the tests): the .wasm size and the time of one `plan` in
// headless Chromium (web build) and in Node (nodejs build), for 50 slots × 52 weeks and for
// the 260,000 occurrences of core/tests/support/fixture.rs. Compare with the native figure
// of `cargo bench -p genova-sessions-core --bench plan`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openBrowser } from '../test/support/browser.mjs';
import { HERE, nodeBuild } from '../test/support/paths.mjs';
import { measure } from './measure.mjs';

const wasm = readFileSync(join(HERE, 'pkg/web/genova_sessions_wasm_bg.wasm'));
console.log(`genova_sessions_wasm_bg.wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped (gzip -9)`);

const table = (where, rows) => {
  console.log(`\n${where}`);
  console.log('| input | occurrences | JSON size | call | median | p90 | min | runs |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.occurrences.toLocaleString('en')} | ${(r.bytes / 1e6).toFixed(1)} MB | ${r.path} | ${r.median.toFixed(1)} ms | ${r.p90.toFixed(1)} ms | ${r.min.toFixed(1)} ms | ${r.runs} |`);
  }
};

const browser = await openBrowser();
try {
  await browser.page.goto(`${browser.url}/bindings-wasm/bench/bench.html`);
  await browser.page.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });
  const version = await browser.page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
  table(`Chromium (web build, ${version})`, await browser.page.evaluate(() => window.measure()));
} finally {
  await browser.close();
}
table(`Node ${process.version} (nodejs build)`, measure(nodeBuild(), () => performance.now()));
