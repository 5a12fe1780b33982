import { extractNamed, extractPythonDef, parseSourceRef } from './extract';

/** Every TypeScript file under src/, as text, keyed "src/dir/file.ts" (bundled at build time with ?raw). */
export const sourceFiles: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('/src/**/*.ts', { query: '?raw', import: 'default', eager: true })).map(
    ([path, text]) => [path.slice(1), text],
  ),
);

/** Every PyTorch twin under reference/pytorch/, as text, keyed "reference/pytorch/file.py". */
export const pythonFiles: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('/reference/pytorch/**/*.py', { query: '?raw', import: 'default', eager: true })).map(
    ([path, text]) => [path.slice(1), text],
  ),
);

/** Files whose whole text the site publishes as a page, next to the code cells that cut from them. */
export function publishedSourcePaths(): string[] {
  const ts = Object.keys(sourceFiles).filter((p) => /^src\/(attention|training|lib|charts)\//.test(p));
  return [...ts.sort(), ...Object.keys(pythonFiles).sort()];
}

/** Resolve "src/…/file.ts#name" to the cut-out text; throws with the reference when missing. */
export function sourceFor(ref: string): { path: string; name: string; code: string } {
  const { path, name } = parseSourceRef(ref);
  const file = sourceFiles[path];
  if (file === undefined) throw new Error(`code cell source "${ref}": no file ${path} under src/`);
  return { path, name, code: extractNamed(file, name, path) };
}

/** Resolve "reference/pytorch/file.py#name" to that `def`, cut from the file; throws with the reference when missing. */
export function pythonFor(ref: string): { path: string; name: string; code: string } {
  const { path, name } = parseSourceRef(ref);
  const file = pythonFiles[path];
  if (file === undefined) throw new Error(`code cell python "${ref}": no file ${path} under reference/pytorch/`);
  return { path, name, code: extractPythonDef(file, name, path) };
}

/** The whole text of a published file, TypeScript or Python. */
export function publishedSource(path: string): string | undefined {
  return sourceFiles[path] ?? pythonFiles[path];
}

/** URL of the page that shows a whole source file. */
export function sourceHref(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/source/${path.replace(/\.(ts|py)$/, '')}/`;
}
