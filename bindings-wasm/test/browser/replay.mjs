// Loaded by replay.html in Chromium: the `web` build (pkg/web) and the same replay code the
// Node tests use. The Node side calls window.replay(...) and compares nothing itself.
import init, * as api from '../../pkg/web/genova_sessions_wasm.js';
import Decimal from '../../node_modules/decimal.js/decimal.mjs';
import { replayConformance, replayMalformed, replayVectors } from '../shared/replay.mjs';
import { runChecks } from '../shared/inputs.mjs';

async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

async function fetchCases(dir, names) {
  return Promise.all(names.map(async (name) => ({ name, text: await fetchText(`/${dir}/${name}`) })));
}

window.replay = {
  vectors: async (names) => replayVectors(api, await fetchCases('tests/vectors', names)),
  conformance: async (names) => replayConformance(api, await fetchCases('tests/conformance', names)),
  malformed: async () => replayMalformed(api, await fetchText('/tests/malformed/cases.json')),
  inputs: async () => runChecks(api, Decimal),
};

await init();
document.getElementById('status').textContent = `ready: web build, tzdb ${api.tzdbVersion()}`;
window.ready = true;
