// DESIGN §3: imports point one way. attention/ uses ml-matrix only; training/ uses
// attention/ and ml-matrix only; neither touches the DOM, Astro, Plot or MathJax. charts/
// draws (data, options) → SVG with Plot and nothing else; data reaches widgets through the
// accessors of src/lib, never by importing content/.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const filesIn = (dir: string, ext = /\.ts$/): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : []));

/** Every module specifier in `code`: `import … from`, `export … from`, `import '…'` and `import('…')`. */
function specifiersIn(code: string): string[] {
  return [
    ...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
}
const importsOf = (file: string) => specifiersIn(readFileSync(file, 'utf8'));

/** Where a relative specifier points, from the project's root ("src/charts/svg"); bare ones as they are. */
const target = (file: string, spec: string) => (spec.startsWith('.') ? relative('.', resolve(dirname(file), spec)).replaceAll('\\', '/') : spec);

/** The imports of `files` that `allowed` refuses, as "file imports spec". */
function refused(files: string[], allowed: (to: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((spec) => !allowed(target(file, spec))).map((spec) => `${file} imports ${spec}`));
}

/** Charts get Plot and each other: no data, no math, no widgets (types included). */
const chartsMayImport = (to: string) => to === '@observablehq/plot' || to.startsWith('src/charts/');
/** Widgets read data through src/lib's accessors, never content/ itself. */
const widgetsMayImport = (to: string) => !to.startsWith('content/') && !to.startsWith('../');

describe('direction of imports', () => {
  /** Whether `spec`, imported by `file`, is ml-matrix or lies inside one of `dirs`. */
  const allowed = (file: string, spec: string, dirs: string[]) =>
    spec === 'ml-matrix' || (spec.startsWith('.') && dirs.some((d) => resolve(dirname(file), spec).startsWith(resolve(d))));
  it('src/attention imports only ml-matrix and itself; the library does not import its demos', () => {
    for (const file of filesIn('src/attention')) {
      for (const spec of importsOf(file)) expect(allowed(file, spec, ['src/attention']), `${file} imports ${spec}`).toBe(true);
      if (!file.includes('demos')) for (const spec of importsOf(file)) expect(spec, file).not.toMatch(/demos/);
    }
  });
  it('src/training imports only ml-matrix, src/attention and itself', () => {
    for (const file of filesIn('src/training')) {
      for (const spec of importsOf(file)) expect(allowed(file, spec, ['src/attention', 'src/training']), `${file} imports ${spec}`).toBe(true);
    }
  });
  it('the math never touches the DOM', () => {
    for (const file of [...filesIn('src/attention'), ...filesIn('src/training')]) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // comments may say "document"
      expect(code, file).not.toMatch(/\b(document|window|HTMLElement|customElements)\b/);
    }
  });
  it('src/charts imports only Plot and itself', () => {
    expect(filesIn('src/charts').length).toBeGreaterThan(5);
    expect(refused(filesIn('src/charts'), chartsMayImport)).toEqual([]);
  });
  it('src/widgets never imports content/', () => {
    const files = filesIn('src/widgets', /\.(ts|astro)$/);
    expect(files.some((f) => f.endsWith('.astro'))).toBe(true);
    expect(refused(files, widgetsMayImport)).toEqual([]);
  });
  it('the rules refuse what they should', () => {
    // the checks above read real files; these are the same rules on imports that break them
    const chart = 'src/charts/heatmap.ts';
    for (const spec of ['../../content/lab/results.json', '../lib/lab', '../training', '../attention/merge', '../widgets/common/dom', '../build/figures', 'ml-matrix', 'zod']) {
      expect(chartsMayImport(target(chart, spec)), spec).toBe(false);
    }
    for (const spec of ['./svg', '@observablehq/plot']) expect(chartsMayImport(target(chart, spec)), spec).toBe(true);
    const widget = 'src/widgets/head-maps/HeadMaps.astro';
    expect(widgetsMayImport(target(widget, '../../../content/lab/checkpoint.json'))).toBe(false);
    expect(widgetsMayImport(target(widget, '../../lib/lab'))).toBe(true);
    expect(specifiersIn("import type { A } from '../x';\nimport {\n  b,\n} from \"../y\";\nimport '../z.css';\nconst m = import('../w');")).toEqual(['../x', '../y', '../z.css', '../w']);
  });
});
