// The `nodejs` build (pkg/node) in Node: every case of tests/vectors/ (byte for byte),
// tests/conformance/ (as data) and tests/malformed/ (outcomes), and the input rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { hooksBuild, nodeBuild, readCases, ROOT } from './support/paths.mjs';
import { replayConformance, replayMalformed, replayVectors } from './shared/replay.mjs';
import { runChecks } from './shared/inputs.mjs';

const api = nodeBuild();

test('nodejs build: tests/vectors/ byte for byte (plans through planJson and plan, functions through the four)', () => {
  const files = readCases('tests/vectors');
  assert.ok(files.length >= 50, `${files.length} vectors`);
  const { plans, functions, failures } = replayVectors(api, files);
  assert.deepEqual(failures, []);
  assert.equal(plans + functions, files.length);
});

test('nodejs build: the 100 cases of tests/conformance/ as data', () => {
  const files = readCases('tests/conformance');
  assert.equal(files.length, 100);
  const { failures } = replayConformance(api, files);
  assert.deepEqual(failures, []);
});

test('nodejs build: tests/malformed/cases.json through planJson', async () => {
  const text = readFileSync(join(ROOT, 'tests/malformed/cases.json'), 'utf8');
  const { cases, failures } = await replayMalformed(api, text);
  assert.ok(cases >= 30);
  assert.deepEqual(failures, []);
});

test('nodejs build: JS values are read as the Node addon reads them; failures are Errors with a code', () => {
  const { passed, failures } = runChecks(api, Decimal, hooksBuild());
  assert.deepEqual(failures, []);
  assert.ok(passed > 10);
});
