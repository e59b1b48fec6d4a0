// Where things are, for the Node side of the tests.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bindings-wasm/ */
export const HERE = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
/** The repository root. */
export const ROOT = dirname(HERE);
/** Where the screenshots go (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** The `nodejs` build (pkg/node), loaded once. */
export function nodeBuild() {
  return createRequire(import.meta.url)(join(HERE, 'pkg', 'node', 'genova_sessions_wasm.js'));
}

/** The tests' build (pkg/hooks, feature `test-hooks`: `__panicForTests`), loaded once. */
export function hooksBuild() {
  return createRequire(import.meta.url)(join(HERE, 'pkg', 'hooks', 'genova_sessions_wasm.js'));
}

/** The `.json` files of a folder of the repository, sorted by name. */
export function jsonFiles(dir) {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** `[{ name, text }]` of the `.json` files of a folder of the repository. */
export function readCases(dir) {
  return jsonFiles(dir).map((name) => ({ name, text: readFileSync(join(ROOT, dir, name), 'utf8') }));
}
