#!/usr/bin/env node
// Checks the relative links of the repository's Markdown files: every link must stay inside
// the repository, point to a file or folder a clone has, and, when it names a heading
// (`file.md#some-heading`, `#some-heading`), to a heading that exists (GitHub's anchors).
//
//   node scripts/check-links.mjs [ROOT]
//
// Prints one line per broken link (`file:line: problem`) and exits 1 when there is any.
// The files considered are those git tracks plus the new ones it does not ignore, so a link
// to a git-ignored build output (pkg/, target/) is broken, as it would be in a clone.
// Links with a scheme (https:, mailto:) are not checked; links inside code are not links.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** GitHub's anchor of a heading's text (github-slugger), without the duplicate suffix. */
export function slugify(text) {
  return text
    .replace(/<[^>]*>/g, '') // inline HTML
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Lines of `text` with fenced code blocks blanked (so their content is neither heading nor link). */
function proseLines(text) {
  const lines = text.split(/\r?\n/);
  let fence = null;
  return lines.map((line) => {
    const m = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (fence) {
      // A closing fence: the same character, at least as long, nothing after it.
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && /^ {0,3}(`+|~+)\s*$/.test(line)) fence = null;
      return '';
    }
    if (m) {
      fence = m[1];
      return '';
    }
    return line;
  });
}

/** The anchors a Markdown text defines: its headings' slugs (with -1, -2 for repeats) and `<a id/name>`. */
export function anchorsOf(text) {
  const anchors = new Set();
  const seen = new Map();
  const add = (slug) => {
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  };
  const lines = proseLines(text);
  lines.forEach((line, i) => {
    const atx = line.match(/^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/);
    if (atx) {
      add(slugify(atx[1] ?? ''));
    } else if (i + 1 < lines.length && line.trim() !== '' && /^ {0,3}(=+|-+)\s*$/.test(lines[i + 1]) && !/^\s*([-*+]|\d+\.)\s/.test(line)) {
      // A setext heading: text underlined with === or ---, not a list item or a table rule.
      if (!line.includes('|')) add(slugify(line));
    }
    for (const m of line.matchAll(/<a\s[^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add(m[1]);
  });
  return anchors;
}

/** `[{ target, line }]`: the link destinations of a Markdown text, outside code. */
export function linksOf(text) {
  const links = [];
  proseLines(text).forEach((raw, i) => {
    const line = raw.replace(/(`+)(?:(?!\1).)+?\1/g, (m) => ' '.repeat(m.length)); // code spans
    for (const m of line.matchAll(/!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g)) {
      links.push({ target: m[1].replace(/^<|>$/g, ''), line: i + 1 });
    }
    const definition = line.match(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/);
    if (definition) links.push({ target: definition[1], line: i + 1 });
    for (const m of line.matchAll(/<(?:a|img)\s[^>]*\b(?:href|src)\s*=\s*["']([^"']+)["']/gi)) links.push({ target: m[1], line: i + 1 });
  });
  return links;
}

/** Every file under `dir`, relative to `root`, leaving out dot-folders and build outputs. */
function walk(root, dir) {
  const skip = new Set(['node_modules', 'target', 'pkg', 'test-artifacts']);
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name.startsWith('.') || skip.has(e.name) ? [] : walk(root, path);
    return e.isFile() ? [path] : [];
  });
}

/** The repository's files a clone would have: tracked, plus new files git does not ignore. */
function repositoryFiles(root) {
  let listed;
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    listed = out.split('\0');
  } catch {
    // Not a git checkout (an unpacked archive): every file but build outputs and dot-folders.
    listed = walk(root, '');
  }
  const files = new Set(listed.filter((f) => f && existsSync(join(root, f))));
  const folders = new Set(['']);
  for (const f of files) {
    for (let d = posix.dirname(f); d !== '.' && !folders.has(d); d = posix.dirname(d)) folders.add(d);
  }
  return { files, folders };
}

/** `[{ file, line, target, problem }]` for every broken relative link of the repository's `.md` files. */
export function checkRepository(root) {
  root = resolve(root);
  const { files, folders } = repositoryFiles(root);
  const anchorCache = new Map();
  const anchorsOfFile = (f) => {
    if (!anchorCache.has(f)) anchorCache.set(f, anchorsOf(readFileSync(join(root, f), 'utf8')));
    return anchorCache.get(f);
  };
  const problems = [];
  for (const file of [...files].filter((f) => f.toLowerCase().endsWith('.md')).sort()) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const { target, line } of linksOf(text)) {
      const report = (problem) => problems.push({ file, line, target, problem });
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:, ...
      const hash = target.indexOf('#');
      let path = hash === -1 ? target : target.slice(0, hash);
      const anchor = hash === -1 ? null : target.slice(hash + 1);
      path = path.split('?')[0];
      try {
        path = decodeURIComponent(path);
      } catch {
        report('is not a valid URL');
        continue;
      }
      // GitHub reads a leading `/` as the repository's root.
      const joined = path === '' ? file : path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(file), path);
      const normal = posix.normalize(joined).replace(/\/+$/, '');
      if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal)) {
        report('leaves the repository (a clone does not have it; link into docs/ instead)');
        continue;
      }
      const target_ = normal === '.' ? '' : normal;
      const isFile = files.has(target_);
      if (!isFile && !folders.has(target_)) {
        report(existsSync(join(root, target_)) ? 'points to a file git ignores (a clone does not have it)' : 'points to a missing file');
        continue;
      }
      if (anchor !== null && anchor !== '' && isFile && target_.toLowerCase().endsWith('.md')) {
        let wanted = anchor;
        try {
          wanted = decodeURIComponent(anchor);
        } catch {
          // Compared as written.
        }
        if (!anchorsOfFile(target_).has(wanted.toLowerCase()) && !anchorsOfFile(target_).has(wanted)) {
          report(`names a heading ${target_} does not have (#${anchor})`);
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? dirname(dirname(fileURLToPath(import.meta.url)));
  const problems = checkRepository(root);
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.target} ${p.problem}`);
  const checked = relative(process.cwd(), resolve(root)) || '.';
  if (problems.length > 0) {
    console.error(`check-links: ${problems.length} broken link${problems.length === 1 ? '' : 's'} in ${checked}`);
    process.exit(1);
  }
  console.log(`check-links: every relative link of the Markdown files in ${checked} resolves`);
}
