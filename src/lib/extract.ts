/**
 * Cut one named piece out of a source file, for code cells: an exported or local
 * `function`, `class`, `interface`, `type` or `const` (with the JSDoc block just above
 * it), or a region between `// #region name` and `// #endregion`.
 * Top-level declarations are expected to close with a `}` (or `};`) at column 0, as
 * the formatter writes them.
 *
 * @throws Error naming the file and the piece when it is not found, so a renamed
 *   function fails the build instead of showing a stale cell.
 */
export function extractNamed(source: string, name: string, file = 'source'): string {
  const lines = source.split('\n');
  const region = lines.findIndex((l) => l.trim() === `// #region ${name}`);
  if (region >= 0) {
    const end = lines.findIndex((l, i) => i > region && l.trim() === '// #endregion');
    if (end < 0) throw new Error(`${file}: region "${name}" has no // #endregion`);
    return dedent(lines.slice(region + 1, end)).join('\n');
  }
  const declaration = new RegExp(`^(export\\s+)?(default\\s+)?(async\\s+)?(function\\*?|class|interface|type|const|let)\\s+${escapeRegExp(name)}\\b`);
  const start = lines.findIndex((l) => declaration.test(l));
  if (start < 0) throw new Error(`${file}: no top-level declaration or region named "${name}"`);
  let first = start;
  if (lines[start - 1]?.trim().endsWith('*/')) {
    first = start - 1;
    while (first > 0 && !lines[first].trim().startsWith('/**')) first--;
  }
  let end = start;
  const opensBlock = !/;\s*$/.test(lines[start]);
  if (opensBlock) {
    end = lines.findIndex((l, i) => i > start && /^[}\]]/.test(l));
    if (end < 0) throw new Error(`${file}: "${name}" does not close with a "}" at the start of a line`);
  }
  return lines.slice(first, end + 1).join('\n');
}

function dedent(lines: string[]): string[] {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Split "src/attention/softmax.ts#softmaxRows" into path and name. */
export function parseSourceRef(ref: string): { path: string; name: string } {
  const [path, name] = ref.split('#');
  if (!path || !name) throw new Error(`code cell source "${ref}" must look like "src/dir/file.ts#name"`);
  return { path, name };
}

/**
 * Cut one top-level Python `def` out of a file, for the PyTorch tab of a code cell: the
 * decorators just above it, the signature (over several lines if need be), the docstring and
 * the body, up to the last indented line before the next top-level statement (blank lines
 * and comments at the end are left out).
 *
 * @throws Error naming the file and the function when there is no top-level `def name(`.
 */
export function extractPythonDef(source: string, name: string, file = 'source'): string {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^(async\\s+)?def\\s+${escapeRegExp(name)}\\s*\\(`).test(l));
  if (start < 0) throw new Error(`${file}: no top-level "def ${name}(" (a PyTorch cell names a function at column 0)`);
  let first = start;
  while (first > 0 && lines[first - 1].startsWith('@')) first--;
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    // A line at column 0 ends the function (the next def, an import, a comment), except the
    // `) -> Type:` that closes a signature written over several lines.
    if (!/^\s/.test(l) && !/^[)\]]/.test(l)) break;
    end = i;
  }
  return lines.slice(first, end + 1).join('\n');
}
