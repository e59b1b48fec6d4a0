// The package as users get it: `npm pack`, installed into a fresh temporary project, then
// `plan` called from CommonJS and from ESM (and the Prisma drop-in loaded both ways).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from './support.mjs';

test('npm pack, install the tarball in a fresh project, plan from CommonJS and ESM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'genova-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: packageDir, encoding: 'utf8' });
    const [{ filename, files }] = JSON.parse(out.slice(out.indexOf('[')));
    const names = files.map((f) => f.path);
    for (const f of ['index.js', 'index.mjs', 'index.d.ts', 'prisma.mjs', 'dist/prisma/index.js', 'dist/prisma/index.d.ts', 'package.json']) {
      assert.ok(names.includes(f), `the tarball holds ${f}`);
    }
    assert.ok(names.some((f) => f.endsWith('.node')), 'the tarball holds the addon');
    const project = join(dir, 'app');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', join(dir, filename)], { cwd: project, encoding: 'utf8' });
    const snapshot = {
      classes: [{ id: 'c1', isActive: true, timezone: 'Africa/Douala', memberCount: 2 }],
      timeSlots: [{ id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true }],
    };
    const options = { now: '2026-11-30T00:00:00Z', weeks: 2 };
    const args = `${JSON.stringify(snapshot)}, ${JSON.stringify(options)}`;
    writeFileSync(join(project, 'cjs.cjs'), `const { plan } = require('@genova/sessions-native');
const { createSessionGenerator } = require('@genova/sessions-native/prisma');
if (typeof createSessionGenerator !== 'function') throw new Error('no drop-in');
console.log(JSON.stringify(plan(${args}).summary));`);
    writeFileSync(join(project, 'esm.mjs'), `import { plan } from '@genova/sessions-native';
import native from '@genova/sessions-native';
import { createSessionGenerator } from '@genova/sessions-native/prisma';
if (typeof createSessionGenerator !== 'function' || native.plan !== plan) throw new Error('exports');
console.log(JSON.stringify(plan(${args}).summary));`);
    const cjs = JSON.parse(execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' }));
    const esm = JSON.parse(execFileSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8' }));
    assert.equal(cjs.sessionsToCreate, 2);
    assert.deepEqual(esm, cjs);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/@genova/sessions-native/package.json'), 'utf8'));
    assert.ok(installed.engines.node && installed.napi.targets.includes('x86_64-unknown-linux-gnu'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
