// Headless Debian Chromium driven by playwright-core, on a fresh profile, and the tiny
// static server the pages are loaded from (publishing only the pages, the build and the
// test data: scripts/serve.mjs's TESTS list).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { TESTS, startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the server (publishing TESTS from the repository root, or what `serve` says: `{ root,
 * allow }` of scripts/serve.mjs's startServer) and Chromium; resolves to `{ url, page, errors, close() }`. `errors`
 * collects the page's uncaught exceptions and console errors.
 */
export async function openBrowser(serve = { allow: TESTS }) {
  const server = await startServer(serve);
  const profile = mkdtempSync(join(tmpdir(), 'genova-chromium-'));
  let context;
  try {
    // launchPersistentContext is playwright's way to give Chromium its --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 1000 },
    });
  } catch (e) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return {
    url: server.url,
    page,
    errors,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
