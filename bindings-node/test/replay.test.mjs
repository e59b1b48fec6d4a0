// Every case of tests/vectors/ and tests/conformance/ through planJson(text) and through
// plan(JSON.parse(text)); plans also compared byte for byte with `genova-sessions plan --input`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addon, cliPlan, jsonFiles, outcome, readText, stripFreeText } from './support.mjs';

const FUNCTIONS = ['availableTutors', 'cascadeSlotDeactivated', 'cascadeWeekCancelled', 'repriceTutor'];
const asLine = (o) => (o.error ? { error: o.error } : JSON.stringify(o.value) + '\n');

const vectors = jsonFiles(process.env.GENOVA_VECTORS_DIR ?? 'tests/vectors');
test('tests/vectors: plan vectors byte for byte through planJson, plan(JSON.parse) and the CLI; function vectors through the four functions', { skip: vectors.length === 0 && 'tests/vectors/ is not in this checkout yet' }, () => {
  const failures = [];
  for (const file of vectors) {
    const text = readText(file);
    const c = JSON.parse(text);
    const name = file.split('/').pop();
    const expected = c.expected && Object.keys(c.expected).length === 1 && typeof c.expected.error === 'string'
      ? { error: c.expected.error }
      : JSON.stringify(c.expected) + '\n';
    const same = (got) => JSON.stringify(got) === JSON.stringify(expected);
    if (c.function) {
      if (!FUNCTIONS.includes(c.function)) { failures.push(`${name}: unknown function ${c.function}`); continue; }
      const got = asLine(outcome(() => addon[c.function](c.snapshot, c.request, c.options ?? undefined)));
      if (!same(got)) failures.push(`${name}: ${c.function} gave ${JSON.stringify(got).slice(0, 300)}`);
      continue;
    }
    // planJson gets the snapshot's own text, cut out of the file (JSON.parse would turn `1.0` into `1`).
    const raw = rawSnapshotText(text);
    const viaText = asLine(outcome(() => addon.planJson(raw, c.options)));
    if (!same(viaText)) failures.push(`${name}: planJson gave ${JSON.stringify(viaText).slice(0, 300)}`);
    // A vector may give the JS-value path its own outcome (`expectedValue`), where doubles
    // read a literal differently (SPEC §5: `1.0` is an integer there).
    const expectedValue = c.expectedValue === undefined ? expected : c.expectedValue?.error ? { error: c.expectedValue.error } : JSON.stringify(c.expectedValue) + '\n';
    const viaValue = asLine(outcome(() => addon.plan(JSON.parse(raw), c.options)));
    if (JSON.stringify(viaValue) !== JSON.stringify(expectedValue)) failures.push(`${name}: plan(JSON.parse) gave ${JSON.stringify(viaValue).slice(0, 300)}`);
    const cli = cliPlan(file);
    const cliLine = cli.error ? { error: cli.error } : cli.stdout;
    if (JSON.stringify(cliLine) !== JSON.stringify(viaText)) failures.push(`${name}: JSON.stringify(planJson(...)) + "\\n" differs from genova-sessions plan --input`);
    if (c.expectedValue === undefined && JSON.stringify(cliLine) !== JSON.stringify(viaValue)) failures.push(`${name}: JSON.stringify(plan(...)) + "\\n" differs from genova-sessions plan --input`);
  }
  assert.deepEqual(failures, [], `${failures.length} failures`);
});

/** The exact text of the `snapshot` member of a case file (a brace-matching scan). */
export function rawSnapshotText(text) {
  const key = text.indexOf('"snapshot"');
  if (key < 0) return null;
  let i = text.indexOf(':', key) + 1;
  while (/\s/.test(text[i])) i++;
  const start = i;
  let depth = 0, inString = false, escaped = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
    else if (depth === 0 && (ch === ',' || ch === '}')) return text.slice(start, i);
  }
  return text.slice(start);
}

const conformance = jsonFiles('tests/conformance');
test('tests/conformance: the 100 cases of SPEC §8 through planJson and plan(JSON.parse), and as the CLI prints them', () => {
  assert.equal(conformance.length, 100);
  const failures = [];
  for (const file of conformance) {
    const text = readText(file);
    const c = JSON.parse(text);
    const name = file.split('/').pop();
    const expected = stripFreeText(c.expected);
    const raw = rawSnapshotText(text);
    const viaText = outcome(() => addon.planJson(raw, c.options));
    const viaValue = outcome(() => addon.plan(JSON.parse(raw), c.options));
    const data = (o) => (o.error ? { error: o.error } : stripFreeText(o.value));
    if (JSON.stringify(data(viaText)) !== JSON.stringify(expected)) failures.push(`${name}: planJson differs from expected`);
    if (JSON.stringify(data(viaValue)) !== JSON.stringify(expected)) failures.push(`${name}: plan(JSON.parse) differs from expected`);
    const cli = cliPlan(file);
    if (cli.error) {
      if (viaText.error !== cli.error) failures.push(`${name}: CLI error ${cli.error}, planJson ${viaText.error}`);
    } else {
      if (JSON.stringify(viaText.value) + '\n' !== cli.stdout) failures.push(`${name}: JSON.stringify(planJson(...)) + "\\n" differs from the CLI`);
      if (JSON.stringify(viaValue.value) + '\n' !== cli.stdout) failures.push(`${name}: JSON.stringify(plan(...)) + "\\n" differs from the CLI`);
    }
  }
  assert.deepEqual(failures, []);
});
