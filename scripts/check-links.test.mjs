// The link check (scripts/check-links.mjs): GitHub's heading anchors, what counts as a link,
// every kind of broken link on a small repository made for the test, and then the
// repository's own Markdown. Run by scripts/test.sh's "docs: links" stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorsOf, checkRepository, linksOf, slugify } from './check-links.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

test("headings get GitHub's anchors", () => {
  assert.equal(slugify('R8: invalid slots and nominal length'), 'r8-invalid-slots-and-nominal-length');
  assert.equal(slugify('R29: LEGACY_DUPLICATE'), 'r29-legacy_duplicate');
  assert.equal(slugify('Legacy rows (R27–R30)'), 'legacy-rows-r27r30');
  assert.equal(slugify('Cited as "SPEC §N"'), 'cited-as-spec-n');
  assert.equal(slugify("What `legacyTimezone` does"), 'what-legacytimezone-does');
  assert.equal(slugify('For API developers: the Prisma drop-in'), 'for-api-developers-the-prisma-drop-in');
  assert.equal(slugify('Set-up: two commands'), 'set-up-two-commands');
  assert.equal(slugify('Über [links](x.md) ok'), 'über-links-ok');
  const anchors = anchorsOf('# Title\n\n## Tests\n\n```sh\n# not a heading\n```\n\n## Tests\n\nSetext\n------\n\n<a id="custom"></a>\n');
  assert.deepEqual([...anchors].sort(), ['custom', 'setext', 'tests', 'tests-1', 'title']);
});

test('links are read outside code only', () => {
  const text = [
    'See [a](a.md), ![img](img/x.png "title") and [`code` text](b.md#part).',
    'Not `[c](c.md)`, and not:',
    '```md',
    '[d](d.md)',
    '```',
    '[ref]: e.md',
    '<a href="f.md">f</a>',
  ].join('\n');
  assert.deepEqual(
    linksOf(text).map((l) => `${l.line}:${l.target}`),
    ['1:a.md', '1:img/x.png', '1:b.md#part', '6:e.md', '7:f.md'],
  );
});

test('every kind of broken link is found, and good ones pass', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'genova-links-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('.gitignore', 'pkg/\n');
  write('docs/rules.md', '# Rules\n\n## R9: daylight-saving time\n');
  write('pkg/built.js', '');
  write('src/lib.rs', '');
  write(
    'README.md',
    [
      '[ok](docs/rules.md) [ok anchor](docs/rules.md#r9-daylight-saving-time) [ok self](#readme)',
      '[ok folder](src/) [ok web](https://example.com/x.md#nope) [ok root](/docs/rules.md)',
      '[outside](../shared/SPEC.md)',
      '[missing](docs/plan.md)',
      '[bad anchor](docs/rules.md#r9-dst)',
      '[bad self](#nowhere)',
      '[ignored](pkg/built.js)',
      '',
      '# Readme',
    ].join('\n'),
  );
  execFileSync('git', ['init', '-q'], { cwd: root });
  const problems = checkRepository(root).map((p) => `${p.file}:${p.line}: ${p.target}: ${p.problem}`);
  assert.deepEqual(problems, [
    'README.md:3: ../shared/SPEC.md: leaves the repository (a clone does not have it; link into docs/ instead)',
    'README.md:4: docs/plan.md: points to a missing file',
    'README.md:5: docs/rules.md#r9-dst: names a heading docs/rules.md does not have (#r9-dst)',
    'README.md:6: #nowhere: names a heading README.md does not have (#nowhere)',
    'README.md:7: pkg/built.js: points to a file git ignores (a clone does not have it)',
  ]);
});

test("the repository's Markdown files have no broken relative link", () => {
  const problems = checkRepository(ROOT).map((p) => `${p.file}:${p.line}: ${p.target} ${p.problem}`);
  assert.deepEqual(problems, [], `broken links:\n${problems.join('\n')}`);
});
