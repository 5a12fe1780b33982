// JavaScript each built page loads, from dist/ without a browser: every <script src> of the
// page and, transitively, every module those import statically. Modules loaded on demand
// (import(), e.g. the figure download code on the first press) and workers are counted
// apart. Prints KB raw and gzip (level 9, file by file, as a server would send them).
// Run after `astro build`:
//   npx tsx tests/bench/page-js.ts            every lesson
//   npx tsx tests/bench/page-js.ts --all      every page
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtHtml, builtPages } from '../support/built';

const dir = process.env.SITE_DIR ?? 'dist';

/** URL paths of the site's own modules that `code` (the module at `from`) imports: statically, or on demand. */
function importsOf(code: string, from: string, kind: 'static' | 'dynamic'): string[] {
  const pattern = kind === 'static' ? /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g : /\bimport\(\s*["']([^"']+\.js)["']\s*\)/g;
  const specs = [...code.matchAll(pattern)].map((m) => m[1]);
  return specs.filter((s) => s.startsWith('.') || s.startsWith('/')).map((s) => (s.startsWith('/') ? s : posix.join(posix.dirname(from), s)));
}

/** The modules reachable from `roots` by static imports. */
function closure(roots: string[]): Set<string> {
  const todo = [...roots];
  const seen = new Set<string>();
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...importsOf(readFileSync(join(dir, file), 'utf8'), file, 'static'));
  }
  return seen;
}

/** Every module a page loads, by URL path. */
export function pageModules(path: string): Set<string> {
  const html = builtHtml(path, dir);
  const roots = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]).filter((s) => s.startsWith('/'));
  for (const inline of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) roots.push(...importsOf(inline[1], path, 'static'));
  return closure(roots);
}

/** Modules a page can load on demand (import()) beyond those it loads, by URL path. */
export function onDemandModules(path: string): Set<string> {
  const loaded = pageModules(path);
  const roots = [...loaded].flatMap((file) => importsOf(readFileSync(join(dir, file), 'utf8'), file, 'dynamic'));
  return new Set([...closure(roots)].filter((f) => !loaded.has(f)));
}

/** KB raw and gzip of the modules a page loads. */
export function pageJs(path: string, files = pageModules(path)): { files: number; kb: number; gzipKb: number } {
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.size, kb: Number((raw / 1024).toFixed(1)), gzipKb: Number((gz / 1024).toFixed(1)) };
}

if (process.argv[1]?.endsWith('page-js.ts')) {
  const pages = builtPages(dir).filter((p) => process.argv.includes('--all') || p.startsWith('/lessons/'));
  for (const p of pages) {
    const { files, kb, gzipKb } = pageJs(p);
    const later = pageJs(p, onDemandModules(p));
    console.log(`${p.padEnd(48)} ${String(files).padStart(3)} files ${kb.toFixed(1).padStart(7)} KB ${gzipKb.toFixed(1).padStart(6)} KB gzip` +
      (later.files ? `   (+ on demand: ${later.files} files, ${later.gzipKb.toFixed(1)} KB gzip)` : ''));
  }
}
