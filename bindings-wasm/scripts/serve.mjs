#!/usr/bin/env node
// A tiny static file server for the preview page and the browser tests: GET/HEAD only,
// nothing cached, and only the files a page needs. `npm run serve` prints the preview's URL.
//
// It publishes a fixed list of folders of the repository (PREVIEW: the preview page, the
// built `web` package, the test data; TESTS adds the browser tests' pages and the benchmark)
// and refuses everything else with a 404: no dot-file or dot-folder (`.env`, `.git/`)
// anywhere in a path, no file outside the list (`genova-demo.sqlite`, `Cargo.toml`, the
// sources), no file type the pages do not load, no symbolic link leading out of the list.
import { createServer } from 'node:http';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
/** The repository root: the preview is at /bindings-wasm/preview/, the test data at /tests/. */
export const ROOT = dirname(here);

/**
 * What `npm run serve` publishes: folders end with `/`, anything else names one file.
 * The preview page, the `web` build it imports, and the test data.
 */
export const PREVIEW = Object.freeze([
  'bindings-wasm/preview/',
  'bindings-wasm/pkg/web/',
  'tests/vectors/',
  'tests/conformance/',
  'tests/malformed/',
]);

/** What the browser tests and the benchmark publish: PREVIEW, their own pages and decimal.js. */
export const TESTS = Object.freeze([
  ...PREVIEW,
  'bindings-wasm/test/browser/',
  'bindings-wasm/test/shared/',
  'bindings-wasm/bench/',
  'bindings-wasm/node_modules/decimal.js/decimal.mjs',
]);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file a URL path names when `allow` publishes it, else null (the answer is then 404). */
export function resolvePath(path, allow, root = ROOT) {
  if (path.endsWith('/')) path += 'index.html';
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return null;
  const parts = path.slice(1).split('/');
  // Empty segments (`//`), `.`/`..` and every dot-file or dot-folder are refused outright.
  if (parts.some((p) => p === '' || p.startsWith('.'))) return null;
  const relative = parts.join('/');
  const entry = allow.find((a) => (a.endsWith('/') ? relative.startsWith(a) : relative === a));
  if (!entry || !Object.hasOwn(TYPES, extname(relative))) return null;
  const file = join(root, ...parts);
  // A symbolic link must not lead outside the published entry it was found under.
  let real;
  let base;
  try {
    real = realpathSync(file);
    base = realpathSync(join(root, ...entry.split('/').filter(Boolean)));
  } catch {
    return null;
  }
  if (entry.endsWith('/') ? !real.startsWith(base + sep) : real !== base) return null;
  return real;
}

/** Whether `path` (without its trailing `/`) is a published folder: answered with a redirect. */
function isPublishedFolder(path, allow, root) {
  const relative = path.replace(/^\/+|\/+$/g, '');
  if (relative.split('/').some((p) => p === '' || p.startsWith('.'))) return false;
  if (!allow.some((a) => a.endsWith('/') && `${relative}/`.startsWith(a))) return false;
  try {
    return statSync(join(root, relative)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Starts the server on `host:port` (port 0 = any free port), publishing `allow` (PREVIEW by
 * default), and resolves to `{ url, close() }`, `url` without a trailing slash.
 */
export function startServer({ root = ROOT, host = '127.0.0.1', port = 0, allow = PREVIEW } = {}) {
  const notFound = (res, path) => res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path === '/') {
      res.writeHead(302, { location: '/bindings-wasm/preview/' }).end();
      return;
    }
    if (!path.endsWith('/') && isPublishedFolder(path, allow, root)) {
      res.writeHead(301, { location: encodeURI(`${path}/`) }).end();
      return;
    }
    const file = resolvePath(path, allow, root);
    let stat;
    try {
      stat = file && statSync(file);
    } catch {
      stat = null;
    }
    if (!stat?.isFile()) {
      notFound(res, path);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)],
      'content-length': stat.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`preview: ${url}/bindings-wasm/preview/`);
}
