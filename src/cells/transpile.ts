/**
 * Turn a reader's TypeScript cell into JavaScript the sandbox worker can run: sucrase
 * strips the types and rewrites ES `import`/`export` into CommonJS (`require`, `exports`).
 * Sucrase keeps every line where it was, so an error on line 7 of the output is on line 7
 * of what the reader typed.
 *
 * A code cell is cut out of a file, so its functions may lack `export` (a local helper):
 * a `function` or `const` declared at column 0 without `export` is exported too, on the
 * same line, so the page can call it by name.
 */
import { transform } from 'sucrase';

/** What {@link transpile} gives: runnable JavaScript, or where the reader's syntax broke. */
export type Transpiled =
  | { ok: true; code: string }
  | { ok: false; line: number; column: number; message: string };

/** Add `export ` before top-level declarations that lack it (same line, so lines still match). */
export function exportTopLevel(source: string): string {
  return source.replace(/^(?=(?:async\s+)?function\*?\s+[A-Za-z_$]|const\s+[A-Za-z_$][\w$]*\s*[=:])/gm, 'export ');
}

/**
 * Strip types and turn imports/exports into `require`/`exports`, keeping line numbers.
 *
 * @param source the reader's TypeScript, as typed.
 * @returns `{ ok: true, code }`, or the 1-based line and column of the first syntax error
 *   with sucrase's message (without its own "(line:column)" suffix).
 */
export function transpile(source: string): Transpiled {
  try {
    const { code } = transform(exportTopLevel(source), { transforms: ['typescript', 'imports'], production: true });
    return { ok: true, code };
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const message = String(e.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
    if (e.loc) return { ok: false, line: e.loc.line, column: Math.max(1, e.loc.column), message };
    const m = /\((\d+):(\d+)\)/.exec(String(e.message));
    return { ok: false, line: m ? Number(m[1]) : 1, column: m ? Math.max(1, Number(m[2])) : 1, message };
  }
}
