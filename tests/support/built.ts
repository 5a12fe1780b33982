// The built site on disk (dist/): its pages and their HTML. No test framework here, so
// benchmarks can use it too.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** URL paths of every HTML page in dist/ ("/", "/lessons/x/", "/404.html"). */
export function builtPages(dir = process.env.SITE_DIR ?? 'dist'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.html')) {
        const rel = `/${relative(dir, p)}`;
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The HTML of a built page. */
export function builtHtml(path: string, dir = process.env.SITE_DIR ?? 'dist'): string {
  const file = path.endsWith('/') ? join(dir, path, 'index.html') : join(dir, path);
  return readFileSync(file, 'utf8');
}
