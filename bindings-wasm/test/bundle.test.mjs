// @genova/sessions-wasm as a package, the way an app gets it: `npm pack`, the tarball
// installed into a fresh project (npm install --offline: the package has no dependencies),
// then
// - Node: `require` and `import` resolve to the CommonJS build (the `node` condition) and plan;
// - TypeScript (`tsc --noEmit`, moduleResolution bundler and nodenext) reads the types of
//   both conditions;
// - a small page importing it is bundled by Vite (a real bundler, from npm: the `browser`
//   condition, web.mjs, whose `new URL(…_bg.wasm, import.meta.url)` Vite emits as an asset),
//   the bundle is served and headless Chromium plans there, the same plan as Node's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { openBrowser } from './support/browser.mjs';
import { HERE as here } from './support/paths.mjs';

const snapshot = {
  classes: [{ id: 'c1', isActive: true, timezone: 'Africa/Douala', memberCount: 2 }],
  timeSlots: [{ id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true }],
};
const options = { now: '2026-11-30T00:00:00Z', weeks: 2 };

let dir, project, files;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'genova-wasm-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: here, encoding: 'utf8' });
  const [{ filename, files: packed }] = JSON.parse(out.slice(out.indexOf('[')));
  files = packed.map((f) => f.path);
  project = join(dir, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, filename)], { cwd: project, encoding: 'utf8' });
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds both builds, the entry and the types, nothing else', () => {
  for (const f of ['package.json', 'web.mjs', 'index.d.ts', 'pkg/web/genova_sessions_wasm_bg.wasm', 'pkg/node/genova_sessions_wasm.js', 'pkg/node/package.json']) {
    assert.ok(files.includes(f), `the tarball holds ${f}`);
  }
  assert.ok(!files.some((f) => f.startsWith('preview/') || f.startsWith('src/') || f.startsWith('test/')));
});

test('Node: require and import get the CommonJS build and plan', () => {
  writeFileSync(join(project, 'cjs.cjs'), `const { plan } = require('@genova/sessions-wasm');
console.log(JSON.stringify(plan(${JSON.stringify(snapshot)}, ${JSON.stringify(options)})));`);
  writeFileSync(join(project, 'esm.mjs'), `import { plan } from '@genova/sessions-wasm';
console.log(JSON.stringify(plan(${JSON.stringify(snapshot)}, ${JSON.stringify(options)})));`);
  const cjs = execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' });
  const esm = execFileSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(JSON.parse(cjs).summary.sessionsToCreate, 2);
  assert.equal(esm, cjs);
});

test('TypeScript: the types of the browser and the Node conditions', () => {
  writeFileSync(join(project, 'app.ts'), `import { plan, type Plan, type Snapshot } from '@genova/sessions-wasm';
const snapshot: Snapshot = ${JSON.stringify(snapshot)};
const result: Plan = plan(snapshot, ${JSON.stringify(options)});
// @ts-expect-error weeks is a number
plan(snapshot, { now: new Date(), weeks: 'two' });
export const created: number = result.summary.sessionsToCreate;
`);
  const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [module, moduleResolution, lib] of [['esnext', 'bundler', ['es2022', 'dom']], ['nodenext', 'nodenext', ['es2022']]]) {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module, moduleResolution, lib, strict: true, noEmit: true, types: [] },
      files: ['app.ts'],
    }));
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
  }
});

test('Vite bundles a page importing it; headless Chromium plans from the bundle as Node does', async () => {
  writeFileSync(join(project, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>plan</title></head>
<body><pre id="out">…</pre><script type="module" src="/main.js"></script></body></html>
`);
  writeFileSync(join(project, 'main.js'), `import { plan, tzdbVersion } from '@genova/sessions-wasm';
const result = plan(${JSON.stringify(snapshot)}, ${JSON.stringify(options)});
document.getElementById('out').textContent = JSON.stringify(result);
window.planned = { tzdb: tzdbVersion(), text: JSON.stringify(result) };
`);
  await build({ root: project, logLevel: 'warn', configFile: false, build: { outDir: 'dist', emptyOutDir: true } });
  const assets = readdirSync(join(project, 'dist', 'assets'));
  assert.ok(assets.some((f) => /^genova_sessions_wasm_bg-.+\.wasm$/.test(f)), `the .wasm is an asset of the bundle: ${assets}`);

  const browser = await openBrowser({ root: join(project, 'dist'), allow: ['index.html', 'assets/'] });
  try {
    await browser.page.goto(`${browser.url}/index.html`);
    await browser.page.waitForFunction(() => window.planned !== undefined, null, { timeout: 60_000 });
    const planned = await browser.page.evaluate(() => window.planned);
    const node = execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' }).trim();
    assert.equal(planned.text, node);
    assert.match(planned.tzdb, /^\d{4}[a-z]$/);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});
