// DESIGN §3: imports point one way. attention/ uses ml-matrix only; training/ uses
// attention/ and ml-matrix only; neither touches the DOM, Astro, Plot or MathJax.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const filesIn = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

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
  it('charts do not import widgets or components', () => {
    for (const file of filesIn('src/charts')) {
      for (const spec of importsOf(file)) expect(spec, file).not.toMatch(/widgets|components/);
    }
  });
});
