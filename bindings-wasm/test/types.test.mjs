// The TypeScript declarations generated from the Rust types (tsify) compile, accept rows as
// the API holds them, and reject wrong ones: tsc on test/types/usage.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HERE } from './support/paths.mjs';

test('the generated .d.ts of both builds type-check a typical caller (tsc --noEmit)', () => {
  const tsc = join(HERE, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(HERE, 'test', 'types', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});
