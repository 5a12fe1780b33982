// The PyTorch tabs of code cells: the cutter that takes a `def` out of reference/pytorch/,
// and every `python="file.py#name"` that a lesson names. None of this needs Python; one
// check compares the cutter with Python's own parser when some python3 is installed.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extractPythonDef, parseSourceRef } from '../../src/lib/extract';

const sample = `import torch


@torch.no_grad()
def long_signature(
    a: int, b: int = 2
) -> int:
    """Adds. A docstring with brackets [i, (i+1)) that do not pair."""
    if a:

        return a + b  # a blank line above, inside the body
    return b


# a comment at column 0 after the function
def short(x):
    return x
`;

/** Every python="…" a lesson passes to a CodeCell, with the lesson it is in. */
function pythonRefs(): { lesson: string; ref: string }[] {
  const refs: { lesson: string; ref: string }[] = [];
  for (const lesson of readdirSync('lessons').filter((f) => f.endsWith('.mdx')).sort()) {
    for (const m of readFileSync(`lessons/${lesson}`, 'utf8').matchAll(/<CodeCell\b[^>]*\bpython="([^"]+)"/g)) refs.push({ lesson, ref: m[1] });
  }
  return refs;
}

/** Brackets left open once strings and comments are removed (0 when they all pair). */
function openBrackets(code: string): number {
  const bare = code
    .replace(/"""[\s\S]*?"""/g, '')
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '')
    .replace(/#.*$/gm, '');
  let depth = 0;
  for (const ch of bare) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
  }
  return depth;
}

describe('extractPythonDef', () => {
  it('cuts a def with its decorator and a signature over several lines, up to its last line', () => {
    const cut = extractPythonDef(sample, 'long_signature');
    expect(cut.split('\n')[0]).toBe('@torch.no_grad()');
    expect(cut).toContain(') -> int:');
    expect(cut.endsWith('    return b')).toBe(true);
    expect(cut).not.toContain('comment at column 0');
    expect(openBrackets(cut)).toBe(0);
  });
  it('cuts the last def of a file', () => {
    expect(extractPythonDef(sample, 'short')).toBe('def short(x):\n    return x');
  });
  it('does not match a longer name or a nested def, and names the file when the def is missing', () => {
    expect(() => extractPythonDef(sample, 'long', 'x.py')).toThrow(/x\.py: no top-level "def long\("/);
    expect(() => extractPythonDef('class A:\n    def inner(self):\n        pass\n', 'inner', 'x.py')).toThrow(/inner/);
  });
});

describe('the PyTorch tabs of the lessons', () => {
  const refs = pythonRefs();
  it('lessons 1–5 show the twins of scaled dot-product attention, split/merge, multi-head attention and the count', () => {
    const names = new Set(refs.map((r) => parseSourceRef(r.ref).name));
    for (const name of ['scaled_dot_product_attention', 'split_heads', 'merge_heads', 'multi_head_attention', 'parameter_count']) {
      expect(names, name).toContain(name);
    }
  });
  for (const { lesson, ref } of refs) {
    it(`${lesson}: ${ref} is a whole def of a file in reference/pytorch/`, () => {
      const { path, name } = parseSourceRef(ref);
      expect(path).toMatch(/^reference\/pytorch\/[\w/]+\.py$/);
      expect(existsSync(path), path).toBe(true);
      const cut = extractPythonDef(readFileSync(path, 'utf8'), name, path);
      expect(cut.startsWith(`def ${name}(`)).toBe(true);
      expect(openBrackets(cut), 'brackets left open: the cut stopped inside the function').toBe(0);
      expect(cut).toMatch(/\n {4}return /); // every twin returns a value: the body is there
    });
  }
});

// Python's own parser knows where each function ends (ast: lineno … end_lineno). Any python3
// will do, torch is not needed; without one the test is skipped and says why.
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import ast'], { encoding: 'utf8' }).status === 0);
if (!python) console.warn('python-cells: no python3 found, so the cutter is not compared with Python\'s parser (skipped)');

describe.skipIf(!python)('extractPythonDef agrees with Python\'s parser', () => {
  it('for every top-level def of reference/pytorch/', () => {
    const files = readdirSync('reference/pytorch').filter((f) => f.endsWith('.py')).map((f) => `reference/pytorch/${f}`);
    expect(files.length).toBeGreaterThan(0);
    const script = [
      'import ast, json, sys',
      'out = {}',
      'for path in sys.argv[1:]:',
      '    lines = open(path).read().split("\\n")',
      '    for node in ast.parse("\\n".join(lines)).body:',
      '        if isinstance(node, ast.FunctionDef):',
      '            start = min([node.lineno] + [d.lineno for d in node.decorator_list])',
      '            out[path + "#" + node.name] = "\\n".join(lines[start - 1:node.end_lineno])',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(python!, ['-c', script, ...files], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as Record<string, string>;
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(8);
    for (const [ref, text] of Object.entries(expected)) {
      const { path, name } = parseSourceRef(ref);
      expect(extractPythonDef(readFileSync(path, 'utf8'), name, path), ref).toBe(text);
    }
  });
});
