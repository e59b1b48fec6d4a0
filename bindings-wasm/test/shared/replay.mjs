// Replays the project's test data through one build of the module (`api`): the same code runs
// in Node (the `nodejs` build) and in Chromium (the `web` build), so both builds are held to
// the same comparisons. No Node or browser API is used here.
//
// - tests/vectors/: plan vectors byte for byte — `JSON.stringify(result) + "\n"` against the
//   minified `expected` text — through planJson(snapshot text) and plan(JSON.parse(text));
//   function vectors through the four §3.8 functions;
// - tests/conformance/: through planJson and plan, compared as data ignoring `message` and
//   `detail`;
// - tests/malformed/cases.json: through planJson, the outcome (error code, or summary and
//   SHA-256 of the plan line) the table gives.

export const FUNCTIONS = ['availableTutors', 'cascadeSlotDeactivated', 'cascadeWeekCancelled', 'repriceTutor'];

/** Removes insignificant whitespace from JSON text, keeping key order and string bytes. */
export function minify(text) {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

/**
 * The exact text of each member of the top-level object of a JSON text, by key:
 * `{ snapshot: '{ ... }', options: '{ ... }', ... }` (a bracket-matching scan).
 */
export function topLevelMembers(text) {
  const members = {};
  let depth = 0;
  let inString = false;
  let escaped = false;
  let keyStart = -1;
  let key = null;
  let valueStart = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') {
        inString = false;
        if (depth === 1 && valueStart < 0) key = JSON.parse(text.slice(keyStart, i + 1));
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      if (depth === 1 && valueStart < 0) keyStart = i;
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === 1 && valueStart >= 0) members[key] = text.slice(valueStart, i).trim();
      depth--;
    } else if (depth === 1 && ch === ':') {
      valueStart = i + 1;
    } else if (depth === 1 && ch === ',') {
      members[key] = text.slice(valueStart, i).trim();
      valueStart = -1;
    }
  }
  return members;
}

/** Deletes `message` and `detail` keys at every level (conformance compares data only). */
export function stripFreeText(v) {
  if (Array.isArray(v)) return v.map(stripFreeText);
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'message' && k !== 'detail') out[k] = stripFreeText(x);
    return out;
  }
  return v;
}

/** Deep equality of JSON data, ignoring key order. */
export function sameData(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
  }
  return false;
}

/**
 * Runs `f`: `{ value }`, or `{ error: code }` for a thrown `Error` with a string `code`, or
 * `{ bad: description }` for anything else thrown (which is a failure in itself).
 */
export function outcome(f) {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof Error && typeof e.code === 'string' && e.message.length > 0) return { error: e.code };
    return { bad: `threw ${String(e)} (code ${e?.code})` };
  }
}

const errorOf = (expected) =>
  expected && typeof expected === 'object' && Object.keys(expected).length === 1 && typeof expected.error === 'string'
    ? expected.error
    : null;

/** What an outcome is as a line: the plan's JSON line, or `error CODE`. */
const line = (o) => (o.value !== undefined ? JSON.stringify(o.value) + '\n' : o.error ? `error ${o.error}` : o.bad);

const short = (s) => (s.length > 300 ? s.slice(0, 300) + '…' : s);

/** tests/vectors/: `files` is `[{ name, text }]`. */
export function replayVectors(api, files) {
  const failures = [];
  let plans = 0;
  let functions = 0;
  for (const { name, text } of files) {
    const c = JSON.parse(text);
    const raw = topLevelMembers(text);
    const code = errorOf(c.expected);
    const expected = code ? `error ${code}` : minify(raw.expected) + '\n';
    if (c.function) {
      functions++;
      if (!FUNCTIONS.includes(c.function)) {
        failures.push(`${name}: unknown function ${c.function}`);
        continue;
      }
      const got = line(outcome(() => api[c.function](c.snapshot, c.request, c.options ?? undefined)));
      if (got !== expected) failures.push(`${name}: ${c.function} gave ${short(got)}`);
      continue;
    }
    plans++;
    const viaText = line(outcome(() => api.planJson(raw.snapshot, c.options)));
    if (viaText !== expected) failures.push(`${name}: planJson gave ${short(viaText)}`);
    // A vector may give the JS-value path its own outcome, where doubles read a literal
    // differently (SPEC §5: `1.0` is an integer there).
    const codeValue = c.expectedValue === undefined ? null : errorOf(c.expectedValue);
    const expectedValue =
      c.expectedValue === undefined ? expected : codeValue ? `error ${codeValue}` : JSON.stringify(c.expectedValue) + '\n';
    const viaValue = line(outcome(() => api.plan(JSON.parse(raw.snapshot), c.options)));
    if (viaValue !== expectedValue) failures.push(`${name}: plan(JSON.parse) gave ${short(viaValue)}`);
  }
  return { plans, functions, failures };
}

/** tests/conformance/: `files` is `[{ name, text }]`. */
export function replayConformance(api, files) {
  const failures = [];
  for (const { name, text } of files) {
    const c = JSON.parse(text);
    const raw = topLevelMembers(text);
    const code = errorOf(c.expected);
    const expected = code ? { error: code } : stripFreeText(c.expected);
    const data = (o) => (o.value !== undefined ? stripFreeText(o.value) : o.error ? { error: o.error } : { bad: o.bad });
    const viaText = data(outcome(() => api.planJson(raw.snapshot, c.options)));
    if (!sameData(viaText, expected)) failures.push(`${name}: planJson differs from expected: ${short(JSON.stringify(viaText))}`);
    const viaValue = data(outcome(() => api.plan(JSON.parse(raw.snapshot), c.options)));
    if (!sameData(viaValue, expected)) failures.push(`${name}: plan(JSON.parse) differs from expected: ${short(JSON.stringify(viaValue))}`);
  }
  return { cases: files.length, failures };
}

/** The text of a malformed case, with its `expand` marker repeated as the table says. */
export function expandCase(c) {
  if (!c.expand) return c.text;
  // Every occurrence, as Rust's str::replace (and no `$` patterns).
  return c.text.split(c.expand.marker).join(c.expand.unit.repeat(c.expand.count));
}

/** tests/malformed/cases.json through planJson. */
export async function replayMalformed(api, casesText) {
  const failures = [];
  const cases = JSON.parse(casesText);
  for (const c of cases) {
    const o = outcome(() => api.planJson(expandCase(c), c.options));
    let got;
    if (o.value !== undefined) {
      got = { summary: o.value.summary };
    } else {
      got = o.error ? { error: o.error } : { bad: o.bad };
    }
    if (!sameData(got, c.expected)) failures.push(`${c.name}: gave ${short(JSON.stringify(got))}`);
  }
  return { cases: cases.length, failures };
}
