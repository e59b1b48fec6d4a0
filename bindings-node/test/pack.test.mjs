// The install path a user takes: every package `npm pack`ed as the release publishes it, the
// tarballs installed into fresh temporary projects with a plain `npm install` (--offline: all
// of it comes from tarballs made here, no registry), and `plan` called from CommonJS, ESM and
// TypeScript (`tsc --noEmit`) — once on the native binary, once forced onto the WASI build.
//
// The packages are those of a release: `napi create-npm-dirs` writes npm/<platform>/ (ignored
// by git), each filled with what its package.json lists, as `napi artifacts` does in the
// release workflow (which needs all seven binaries, so it cannot run here); the main package
// is packed with the `optionalDependencies` that `napi pre-publish` adds (the two platform
// packages built here as `file:` tarballs instead of registry versions) and without a `.node`
// of its own. Each project installs only the main tarball: npm picks the platform package by
// its os/cpu/libc. The WASI project is installed as napi-rs documents it for a platform without
// a binary, `npm install --cpu=wasm32`, with the WASI package's runtime (@napi-rs/wasm-runtime,
// @emnapi/*) given as tarballs packed from node_modules so the install stays offline.
//
// scripts/test.sh builds both binaries and sets GENOVA_INSTALL_TEST_BOTH=1: a missing one is a
// failure there. Elsewhere (a release job builds one target) the half whose binary is absent
// is skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { packageDir } from './support.mjs';

const both = process.env.GENOVA_INSTALL_TEST_BOTH === '1';
const main = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const npmDir = join(packageDir, 'npm');
const nativePlatform = `${process.platform}-${process.arch}${process.platform === 'linux' ? (process.report.getReport().header.glibcVersionRuntime ? '-gnu' : '-musl') : process.platform === 'win32' ? '-msvc' : ''}`;
const nativeFile = `${main.napi.binaryName}.${nativePlatform}.node`;
const wasiFile = `${main.napi.binaryName}.wasm32-wasi.wasm`;
const hasNative = existsSync(join(packageDir, nativeFile));
const hasWasi = existsSync(join(packageDir, wasiFile));
// The WASI package's runtime dependencies and theirs, packed from node_modules.
const wasiRuntime = ['@napi-rs/wasm-runtime', '@emnapi/core', '@emnapi/runtime', '@emnapi/wasi-threads', '@tybys/wasm-util', 'tslib'];
const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');

let dir;
/**
 * npm as the user runs it: its own CLI script through this Node when `npm test` started us
 * (`npm_execpath`), else the `npm` on the PATH — through the shell on Windows, where it is
 * `npm.cmd`, which `execFileSync` cannot start by itself.
 */
const npm = (args, cwd) => {
  const options = { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } };
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return execFileSync(process.execPath, [cli, ...args], options);
  return execFileSync('npm', args, { ...options, shell: process.platform === 'win32' });
};
/** `npm pack` of a folder into `dir`; the tarball's path. */
const pack = (folder) => {
  const out = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir, folder], packageDir);
  const [{ filename, files }] = JSON.parse(out.slice(out.indexOf('[')));
  return { tarball: join(dir, filename), files: files.map((f) => f.path) };
};

/** npm/<platform>/ filled as `napi artifacts` fills it; its tarball. */
function platformPackage(platform) {
  const target = join(npmDir, platform);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  for (const f of manifest.files) {
    let text = readFileSync(join(packageDir, f));
    if (f.endsWith('.wasi-browser.js')) {
      // napi artifacts points the browser loader at the worker inside its package.
      text = Buffer.from(text.toString('utf8').replace(`new URL('./wasi-worker-browser.mjs', import.meta.url)`, `new URL('${manifest.name}/wasi-worker-browser.mjs', import.meta.url)`));
    }
    writeFileSync(join(target, f), text);
  }
  return pack(target);
}

let mainTarball, mainFiles, nativeTarball, wasiTarball, runtimeTarballs;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'genova-install-'));
  execFileSync(process.execPath, [join(packageDir, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js'), 'create-npm-dirs'], { cwd: packageDir, stdio: 'ignore' });
  const platforms = readdirSync(npmDir).filter((p) => existsSync(join(npmDir, p, 'package.json')));
  if (hasNative) nativeTarball = platformPackage(nativePlatform).tarball;
  if (hasWasi) {
    wasiTarball = platformPackage('wasm32-wasi').tarball;
    runtimeTarballs = wasiRuntime.map((name) => pack(join(packageDir, 'node_modules', name)).tarball);
  }
  // The main package as published: `napi pre-publish`'s optionalDependencies (the platform
  // packages built here as `file:` tarballs, the others by version, which --offline skips as
  // optional), no binary of its own.
  const packed = pack(packageDir);
  const staged = join(dir, 'main');
  mkdirSync(staged);
  // Paths relative to `dir`: Git for Windows' GNU tar reads `C:` in an absolute path as a host.
  execFileSync('tar', ['xzf', basename(packed.tarball), '-C', 'main'], { cwd: dirname(packed.tarball) });
  rmSync(packed.tarball);
  const stagedPackage = join(staged, 'package');
  for (const f of readdirSync(stagedPackage)) if (f.endsWith('.node')) rmSync(join(stagedPackage, f));
  const manifest = JSON.parse(readFileSync(join(stagedPackage, 'package.json'), 'utf8'));
  const local = { [nativePlatform]: nativeTarball, 'wasm32-wasi': wasiTarball };
  manifest.optionalDependencies = Object.fromEntries(platforms.map((p) => [`${main.napi.packageName}-${p}`, local[p] ? `file:${local[p]}` : main.version]));
  writeFileSync(join(stagedPackage, 'package.json'), JSON.stringify(manifest, null, 2));
  ({ tarball: mainTarball, files: mainFiles } = pack(stagedPackage));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const snapshot = {
  classes: [{ id: 'c1', isActive: true, timezone: 'Africa/Douala', memberCount: 2 }],
  timeSlots: [{ id: 's1', classId: 'c1', subject: 'Maths', dayOfWeek: 1, startTime: '14:00', endTime: '16:00', isActive: true }],
};
const options = { now: '2026-11-30T00:00:00Z', weeks: 2 };
const args = `${JSON.stringify(snapshot)}, ${JSON.stringify(options)}`;

/** A fresh project with the tarballs installed, and `plan` run from CJS, ESM and TS. */
function installAndPlan(name, tarballs, npmFlags, env) {
  const project = join(dir, name);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  npm(['install', '--offline', '--no-audit', '--no-fund', ...npmFlags, ...tarballs], project);
  writeFileSync(join(project, 'cjs.cjs'), `const native = require('@genova/sessions-native');
const { createSessionGenerator } = require('@genova/sessions-native/prisma');
if (typeof createSessionGenerator !== 'function') throw new Error('no drop-in');
console.log(JSON.stringify({ target: native.__napiBindingTarget, summary: native.plan(${args}).summary }));`);
  writeFileSync(join(project, 'esm.mjs'), `import { plan } from '@genova/sessions-native';
import native from '@genova/sessions-native';
import { createSessionGenerator } from '@genova/sessions-native/prisma';
if (typeof createSessionGenerator !== 'function' || native.plan !== plan) throw new Error('exports');
console.log(JSON.stringify({ target: native.__napiBindingTarget, summary: plan(${args}).summary }));`);
  writeFileSync(join(project, 'app.ts'), `import { plan, type Plan, type Snapshot } from '@genova/sessions-native';
const snapshot: Snapshot = ${JSON.stringify(snapshot)};
const result: Plan = plan(snapshot, ${JSON.stringify(options)});
const created: number = result.summary.sessionsToCreate;
// @ts-expect-error weeks is a number
plan(snapshot, { weeks: 'two' });
export { created };
`);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: [] },
    files: ['app.ts'],
  }));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
  const run = (file) => JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1', ...env } }));
  return { project, cjs: run('cjs.cjs'), esm: run('esm.mjs') };
}

test('the tarballs hold what the loaders need', () => {
  for (const f of ['index.js', 'index.mjs', 'index.d.ts', 'browser.js', 'prisma.mjs', 'dist/prisma/index.js', 'dist/prisma/index.d.ts', 'package.json']) {
    assert.ok(mainFiles.includes(f), `the main tarball holds ${f}`);
  }
  assert.ok(!mainFiles.some((f) => f.endsWith('.node') || f.endsWith('.wasm')), 'no binary in the main tarball');
  assert.deepEqual(main.napi.targets.length, 8);
});

test('native: npm install the main tarball (its platform package an optional dependency), plan from CJS, ESM and TS', { skip: !both && !hasNative && `no ${nativeFile} built` }, () => {
  assert.ok(hasNative, `${nativeFile} is built`);
  const { project, cjs, esm } = installAndPlan('app-native', [mainTarball], [], {});
  assert.equal(cjs.target, 'native');
  assert.equal(cjs.summary.sessionsToCreate, 2);
  assert.deepEqual(esm, cjs);
  assert.ok(existsSync(join(project, 'node_modules', '@genova', `sessions-native-${nativePlatform}`, nativeFile)));
});

test('WASI: npm install --cpu=wasm32 (no native binary), plan from CJS, ESM and TS, NAPI_RS_FORCE_WASI=error', { skip: !both && !hasWasi && `no ${wasiFile} built` }, () => {
  assert.ok(hasWasi, `${wasiFile} is built`);
  const { project, cjs, esm } = installAndPlan('app-wasi', [mainTarball, ...runtimeTarballs], ['--cpu=wasm32'], { NAPI_RS_FORCE_WASI: 'error' });
  assert.equal(cjs.target, 'wasm32-wasi');
  assert.equal(cjs.summary.sessionsToCreate, 2);
  assert.deepEqual(esm, cjs);
  assert.ok(!readdirSync(join(project, 'node_modules', '@genova')).some((p) => p !== 'sessions-native' && p !== 'sessions-native-wasm32-wasi'), 'no native package installed');
  // Without the flag too: the loader falls back to WASI where no binary is installed.
  const fallback = JSON.parse(execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } }));
  assert.deepEqual(fallback, cjs);
});
