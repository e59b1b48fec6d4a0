// The `web` build (pkg/web) inside headless Chromium: the same replays and input checks as
// node.test.mjs, run by test/browser/replay.html, served by scripts/serve.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonFiles } from './support/paths.mjs';
import { openBrowser } from './support/browser.mjs';

describe('web build in headless Chromium', () => {
  let browser;
  before(async () => {
    browser = await openBrowser();
    await browser.page.goto(`${browser.url}/bindings-wasm/test/browser/replay.html`);
    await browser.page.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
  });

  test('tests/vectors/ byte for byte (plans through planJson and plan, functions through the four)', async () => {
    const names = jsonFiles('tests/vectors');
    assert.ok(names.length >= 50);
    const { plans, functions, failures } = await browser.page.evaluate((n) => window.replay.vectors(n), names);
    assert.deepEqual(failures, []);
    assert.equal(plans + functions, names.length);
  });

  test('the 100 cases of tests/conformance/ as data', async () => {
    const names = jsonFiles('tests/conformance');
    assert.equal(names.length, 100);
    const { cases, failures } = await browser.page.evaluate((n) => window.replay.conformance(n), names);
    assert.deepEqual(failures, []);
    assert.equal(cases, 100);
  });

  test('tests/malformed/cases.json through planJson', async () => {
    const { cases, failures } = await browser.page.evaluate(() => window.replay.malformed());
    assert.deepEqual(failures, []);
    assert.ok(cases >= 30);
  });

  test('JS values are read as in Node; failures are Errors with a code; a panic does not take the page down', async () => {
    const { passed, failures } = await browser.page.evaluate(() => window.replay.inputs());
    assert.deepEqual(failures, []);
    assert.ok(passed > 10);
    assert.deepEqual(browser.errors, []);
  });
});
