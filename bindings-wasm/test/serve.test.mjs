// scripts/serve.mjs publishes only what the pages need. A temporary copy of the repository's
// layout holds the files a careless server would leak (a `.env` with a password, `.git/config`,
// the demo database, a symbolic link out of the preview folder); `npm run serve` itself (the
// script copied into that layout) and the browser tests' server (TESTS) must answer 404 for
// each, and still serve the preview, the build and the test data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HERE } from './support/paths.mjs';
import { PREVIEW, TESTS, startServer } from '../scripts/serve.mjs';

const SECRET = 'postgres://app:s3cret-password@db/genova';

/** Paths that must never be served, whatever the configuration. */
const FORBIDDEN = [
  '/.env',
  '/.git/config',
  '/.git/HEAD',
  '/genova-demo.sqlite',
  '/Cargo.toml',
  '/README.md',
  '/cli/src/main.rs',
  '/bindings-wasm/package.json',
  '/bindings-wasm/preview/.env',
  '/bindings-wasm/preview/secret.json', // a symbolic link to ../../.env
  '/bindings-wasm/preview/../../.env',
  '/bindings-wasm/preview/%2e%2e/%2e%2e/.env',
  '/bindings-wasm/preview/..%2f..%2f.env',
  '/bindings-wasm/preview//../.env',
  '/%2eenv',
  '/tests/sql/postgres.sql',
  '/bindings-wasm/node_modules/decimal.js/package.json',
];

function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A temporary repository layout with the files the pages need and the files they must not see. */
function fakeRepository() {
  const root = mkdtempSync(join(tmpdir(), 'genova-serve-'));
  write(root, '.env', `DATABASE_URL=${SECRET}\n`);
  write(root, '.git/config', `[remote "origin"]\n\turl = ${SECRET}\n`);
  write(root, '.git/HEAD', 'ref: refs/heads/main\n');
  write(root, 'genova-demo.sqlite', `SQLite format 3\0${SECRET}`);
  write(root, 'Cargo.toml', '[workspace]\n');
  write(root, 'README.md', SECRET);
  write(root, 'cli/src/main.rs', `// ${SECRET}\n`);
  write(root, 'tests/sql/postgres.sql', `-- ${SECRET}\n`);
  write(root, 'tests/vectors/a.json', '{"vector": true}');
  write(root, 'tests/conformance/random-000.json', '{"case": 0}');
  write(root, 'tests/malformed/cases.json', '[]');
  write(root, 'bindings-wasm/package.json', SECRET);
  write(root, 'bindings-wasm/preview/index.html', '<!doctype html><title>preview</title>');
  write(root, 'bindings-wasm/preview/app.js', 'export {};');
  write(root, 'bindings-wasm/preview/.env', SECRET);
  symlinkSync(join(root, '.env'), join(root, 'bindings-wasm/preview/secret.json'));
  write(root, 'bindings-wasm/pkg/web/genova_sessions_wasm.js', 'export default function init() {}');
  write(root, 'bindings-wasm/pkg/web/genova_sessions_wasm_bg.wasm', '\0asm');
  write(root, 'bindings-wasm/test/browser/replay.html', '<!doctype html>');
  write(root, 'bindings-wasm/test/shared/replay.mjs', 'export {};');
  write(root, 'bindings-wasm/node_modules/decimal.js/decimal.mjs', 'export default 1;');
  write(root, 'bindings-wasm/node_modules/decimal.js/package.json', SECRET);
  mkdirSync(join(root, 'bindings-wasm/scripts'), { recursive: true });
  copyFileSync(join(HERE, 'scripts/serve.mjs'), join(root, 'bindings-wasm/scripts/serve.mjs'));
  return root;
}

/** `npm run serve`'s command, run from the copy: resolves to `{ url, stop() }` once it listens. */
function runServeScript(root) {
  const child = spawn(process.execPath, [join(root, 'bindings-wasm/scripts/serve.mjs')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/preview: (http:\/\/[^/\s]+)\/bindings-wasm\/preview\//);
      if (m) {
        child.removeAllListeners('exit');
        resolve({
          url: m[1],
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill();
            }),
        });
      }
    });
  });
}

/** A raw GET (no URL normalisation by fetch): `{ status, body }`. */
async function get(url, path) {
  const { request } = await import('node:http');
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body, type: res.headers['content-type'] }));
    });
    req.once('error', reject);
    req.end();
  });
}

async function assertForbidden(url) {
  for (const path of FORBIDDEN) {
    const { status, body } = await get(url, path);
    assert.equal(status, 404, `${path} must be 404`);
    assert.ok(!body.includes('s3cret'), `${path} leaked the secret`);
  }
}

describe('the static server publishes only what the pages need', () => {
  let root;
  before(() => {
    root = fakeRepository();
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('npm run serve (scripts/serve.mjs in a copy of the layout): /.env, /.git/config, /genova-demo.sqlite are 404', async () => {
    const server = await runServeScript(root);
    try {
      await assertForbidden(server.url);
      for (const path of ['/.env', '/.git/config', '/genova-demo.sqlite']) assert.equal((await get(server.url, path)).status, 404);
      // What the preview needs is there.
      assert.equal((await get(server.url, '/bindings-wasm/preview/')).status, 200);
      assert.equal((await get(server.url, '/bindings-wasm/preview/app.js')).status, 200);
      assert.equal((await get(server.url, '/bindings-wasm/pkg/web/genova_sessions_wasm.js')).status, 200);
      const wasm = await get(server.url, '/bindings-wasm/pkg/web/genova_sessions_wasm_bg.wasm');
      assert.equal(wasm.status, 200);
      assert.equal(wasm.type, 'application/wasm');
      assert.equal((await get(server.url, '/tests/vectors/a.json')).status, 200);
      assert.equal((await get(server.url, '/tests/conformance/random-000.json')).status, 200);
      assert.equal((await get(server.url, '/tests/malformed/cases.json')).status, 200);
      assert.equal((await get(server.url, '/bindings-wasm/preview')).status, 301);
      assert.equal((await get(server.url, '/')).status, 302);
      // The tests' own pages are not part of the preview.
      assert.equal((await get(server.url, '/bindings-wasm/test/browser/replay.html')).status, 404);
    } finally {
      await server.stop();
    }
  });

  test("the browser tests' server (TESTS): the same refusals, and the test pages served", async () => {
    const server = await startServer({ root, allow: TESTS });
    try {
      await assertForbidden(server.url);
      assert.equal((await get(server.url, '/bindings-wasm/test/browser/replay.html')).status, 200);
      assert.equal((await get(server.url, '/bindings-wasm/test/shared/replay.mjs')).status, 200);
      assert.equal((await get(server.url, '/bindings-wasm/node_modules/decimal.js/decimal.mjs')).status, 200);
      assert.equal((await get(server.url, '/bindings-wasm/preview/index.html')).status, 200);
    } finally {
      await server.close();
    }
  });

  test('on the real repository: dot-files, the demo database and the sources are 404, the preview is served', async () => {
    // Nothing is created at the repository root here (other runs there read its .env): the
    // copy above holds the leaking files; this checks the real layout answers the same.
    for (const allow of [PREVIEW, TESTS]) {
      const server = await startServer({ allow });
      try {
        for (const path of ['/.env', '/.git/config', '/genova-demo.sqlite', '/Cargo.toml', '/bindings-wasm/package.json']) {
          assert.equal((await get(server.url, path)).status, 404, path);
        }
        assert.equal((await get(server.url, '/bindings-wasm/preview/')).status, 200);
        assert.equal((await get(server.url, '/bindings-wasm/preview/model.js')).status, 200);
      } finally {
        await server.close();
      }
    }
  });
});
