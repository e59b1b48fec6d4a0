#!/usr/bin/env node
// `npm run build`: the crate compiled to wasm32 (opt-level 3, fat LTO, one codegen unit),
// wasm-bindgen's `nodejs` target into pkg/node/ and `web` target into pkg/web/, each .wasm
// then optimized by wasm-opt from the npm package `binaryen` (never Debian's wasm-opt 108,
// which corrupts current wasm-bindgen output).
//
// The profile is given on the command line (`--config`), so the workspace's release profile,
// used by the CLI and the Node addon, is untouched. opt-level 3 rather than "s"/"z": it plans
// twice as fast (10 ms instead of 19 ms for 50 slots × 52 weeks in Node) for 20 KB more
// gzipped, still well under the 400 KB budget (see README.md).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(here);
const crate = 'genova_sessions_wasm';

function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return Date.now() - started;
}

function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  return result.stdout.trim();
}

/** The exact version `wasm-bindgen` is pinned to in Cargo.toml (`"=X.Y.Z"`). */
export function pinnedWasmBindgen() {
  const toml = readFileSync(join(here, 'Cargo.toml'), 'utf8');
  const m = toml.match(/^wasm-bindgen\s*=\s*(?:\{[^}]*version\s*=\s*)?"=([0-9.]+)"/m);
  if (!m) throw new Error('Cargo.toml: wasm-bindgen must be pinned with "=X.Y.Z"');
  return m[1];
}

function main() {
  const pinned = pinnedWasmBindgen();
  const cli = output('wasm-bindgen', ['--version']);
  if (cli !== `wasm-bindgen ${pinned}`) {
    throw new Error(
      `wasm-bindgen ${pinned} is needed (found: ${cli ?? 'none'}); ` +
        `run: cargo install wasm-bindgen-cli --version ${pinned}`,
    );
  }

  const cargoTime = run('cargo', [
    'build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'genova-sessions-wasm',
    '--config', 'profile.release.opt-level=3',
    '--config', 'profile.release.lto=true',
    '--config', 'profile.release.codegen-units=1',
    '--config', 'profile.release.panic="abort"',
    // WebAssembly SIMD (Chrome 91, Firefox 89, Safari 16.4, Node 16.4 and later): memchr's
    // and the compiler's vector loops; measured 5-10 % off a preview plan in Node.
    '--config', 'target.wasm32-unknown-unknown.rustflags=["-C", "target-feature=+simd128"]',
  ]);
  const metadata = JSON.parse(output('cargo', ['metadata', '--format-version', '1', '--no-deps']));
  const wasm = join(metadata.target_directory, 'wasm32-unknown-unknown', 'release', `${crate}.wasm`);

  const wasmOpt = join(here, 'node_modules', '.bin', 'wasm-opt');
  const targets = [
    ['nodejs', 'node', { type: 'commonjs', main: `${crate}.js` }],
    ['web', 'web', { type: 'module', module: `${crate}.js`, main: `${crate}.js` }],
  ];
  let optTime = 0;
  const optimized = new Map(); // wasm-bindgen's .wasm → wasm-opt's, computed once per content
  for (const [target, dir, fields] of targets) {
    const out = join(here, 'pkg', dir);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    run('wasm-bindgen', ['--target', target, '--out-dir', out, wasm]);
    const bg = join(out, `${crate}_bg.wasm`);
    const key = createHash('sha256').update(readFileSync(bg)).digest('hex');
    if (optimized.has(key)) {
      writeFileSync(bg, optimized.get(key));
    } else {
      optTime += run(wasmOpt, ['-O3', '--strip-debug', '--strip-producers', bg, '-o', bg]);
      optimized.set(key, readFileSync(bg));
    }
    writeFileSync(
      join(out, 'package.json'),
      JSON.stringify({
        name: `@genova/sessions-wasm-${dir}`,
        version: JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).version,
        private: true,
        ...fields,
        types: `${crate}.d.ts`,
        sideEffects: false,
      }, null, 2) + '\n',
    );
  }
  // The published declarations, committed (scripts/test.sh checks a fresh build gives them).
  writeFileSync(join(here, 'index.d.ts'), readFileSync(join(here, 'pkg', 'web', `${crate}.d.ts`)));

  // The tests' build: the hook that panics on purpose (feature `test-hooks`), never published.
  // Unoptimized (the dev profile, no wasm-opt): only the panic tests load it.
  const hooksTime = run('cargo', [
    'build', '--target', 'wasm32-unknown-unknown', '-p', 'genova-sessions-wasm', '--features', 'test-hooks',
  ]);
  const hooksWasm = join(metadata.target_directory, 'wasm32-unknown-unknown', 'debug', `${crate}.wasm`);
  rmSync(join(here, 'pkg', 'hooks'), { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', join(here, 'pkg', 'hooks'), hooksWasm]);
  writeFileSync(join(here, 'pkg', 'hooks', 'package.json'), JSON.stringify({ private: true, type: 'commonjs' }) + '\n');

  const bytes = readFileSync(join(here, 'pkg', 'web', `${crate}_bg.wasm`));
  console.log(
    `built pkg/node and pkg/web: ${crate}_bg.wasm ${(statSync(join(here, 'pkg', 'web', `${crate}_bg.wasm`)).size / 1024).toFixed(0)} KiB, ` +
      `${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped ` +
      `(cargo ${(cargoTime / 1000).toFixed(0)} s, wasm-opt ${(optTime / 1000).toFixed(0)} s, tests' build ${(hooksTime / 1000).toFixed(0)} s)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`build failed: ${e.message}`);
    process.exit(1);
  }
}
