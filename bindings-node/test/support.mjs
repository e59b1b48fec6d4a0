// Shared helpers of the node tests: the addon, the repository's test data, the CLI.
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(packageDir, '..');
/** The addon, loaded the way `require('./bindings-node')` loads it. */
export const addon = require(packageDir);

/** The `.json` files of a folder of the repository, sorted; `[]` when it does not exist. */
export function jsonFiles(relative) {
  const dir = resolve(repoRoot, relative);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

export const readText = (path) => readFileSync(path, 'utf8');

/** What a call gave: `{ value }` or `{ error: code }` (and the thrown error). */
export function outcome(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: e?.code, thrown: e };
  }
}

/** Drops `message` and `detail` keys everywhere (conformance compares data, not text). */
export function stripFreeText(v) {
  if (Array.isArray(v)) return v.map(stripFreeText);
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'message' && k !== 'detail') out[k] = stripFreeText(x);
    return out;
  }
  return v;
}

/** The CLI binary built by scripts/test.sh (release, else debug). */
export function cliPath() {
  for (const p of [process.env.GENOVA_CLI, join(repoRoot, 'target/release/genova-sessions'), join(repoRoot, 'target/debug/genova-sessions')]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('build the CLI first: cargo build --release -p genova-sessions-cli');
}

/** `genova-sessions plan --input FILE`: stdout on exit 0, else `{ error: CODE }`. */
export function cliPlan(file) {
  const r = spawnSync(cliPath(), ['plan', '--input', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status === 0) return { stdout: r.stdout };
  if (r.status === 2) return { error: r.stderr.split(':')[1].trim() };
  throw new Error(`${file}: exit ${r.status}: ${r.stderr}`);
}

export { execFileSync };
