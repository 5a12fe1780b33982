import { extractNamed, parseSourceRef } from './extract';

/** Every TypeScript file under src/, as text, keyed "src/dir/file.ts" (bundled at build time with ?raw). */
export const sourceFiles: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('/src/**/*.ts', { query: '?raw', import: 'default', eager: true })).map(
    ([path, text]) => [path.slice(1), text],
  ),
);

/** Files whose whole text the site publishes as a page, next to the code cells that cut from them. */
export function publishedSourcePaths(): string[] {
  return Object.keys(sourceFiles).filter((p) => /^src\/(attention|training|lib|charts)\//.test(p)).sort();
}

/** Resolve "src/…/file.ts#name" to the cut-out text; throws with the reference when missing. */
export function sourceFor(ref: string): { path: string; name: string; code: string } {
  const { path, name } = parseSourceRef(ref);
  const file = sourceFiles[path];
  if (file === undefined) throw new Error(`code cell source "${ref}": no file ${path} under src/`);
  return { path, name, code: extractNamed(file, name, path) };
}

/** URL of the page that shows a whole source file. */
export function sourceHref(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/source/${path.replace(/\.ts$/, '')}/`;
}
