// The coding exercises' checks (src/cells/exercises): the course's own functions pass
// every check of every exercise, and typical wrong solutions fail with the right check
// named and a detail that says what differed. Runs in Node: the same code runs in the
// sandbox's worker.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { CODING_EXERCISES, codingExercise } from '../../src/cells/exercises';
import { reportPassed, runExerciseChecks } from '../../src/cells/exercises/run';
import { generalParameterCount, headDim, mergeHeads, parameterCount, softmaxRows, splitHeads } from '../../src/attention';
import { sourceFor } from '../../src/lib/sources';
import * as course from '../../src/cells/exercises/reference';
import { multiHeadAttention as courseMha } from '../../src/cells/exercises/reference-mha';
import { evaluate } from '../../src/cells/evaluate';
import { fromWire, type Wire } from '../../src/cells/wire';
import type { ExerciseReport } from '../../src/cells/exercises/types';
import { summarize } from '../../src/cells/exercises/outcome';
import { BROKEN_SOFTMAX, GOOD_SOFTMAX, MHA_SOLUTION, NAIVE_SOFTMAX, OFF_BY_ONE_CAUSAL, SPLIT_BY_ROWS } from '../fixtures/coding-solutions';

type W = { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix };

/** The names of the failed checks. */
const failed = (id: string, mod: Record<string, unknown>) => runExerciseChecks(id, mod).checks.filter((c) => !c.passed);
/** The failed check called `name` (by a unique part of its name). */
const failure = (id: string, mod: Record<string, unknown>, part: string) => {
  const f = failed(id, mod).find((c) => c.name.includes(part));
  expect(f, `a failed check named "…${part}…" among ${JSON.stringify(failed(id, mod).map((c) => c.name))}`).toBeDefined();
  return f!;
};

/** A softmax that does not subtract the row maximum. */
function naiveSoftmaxRows(scores: Matrix): Matrix {
  return new Matrix(scores.to2DArray().map((row) => {
    const e = row.map(Math.exp);
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }));
}

/** Causal attention whose mask lets query i also see key i + 1 (off by one), or hides key i (`strict`). */
function offByOneCausal(strict: boolean) {
  return (q: Matrix, k: Matrix, v: Matrix): Matrix => {
    if (q.columns !== k.columns) throw new RangeError('widths differ');
    const s = Matrix.div(q.mmul(k.transpose()), Math.sqrt(q.columns)); // (n, n)
    for (let i = 0; i < s.rows; i++) for (let j = 0; j < s.columns; j++) if (strict ? j >= i : j > i + 1) s.set(i, j, -Infinity);
    return softmaxRows(s).mmul(v); // (n, n)·(n, dV) → (n, dV)
  };
}

describe('the course passes every exercise', () => {
  it('there are at least 8 exercises, with unique ids, the four required ones among them', () => {
    const ids = CODING_EXERCISES.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['softmax-rows', 'causal-attention', 'split-merge-heads', 'multi-head-attention']) expect(ids).toContain(id);
  });
  for (const exercise of CODING_EXERCISES) {
    it(`${exercise.id}: the course's functions pass all ${exercise.checks.length} checks`, () => {
      const report = runExerciseChecks(exercise.id, exercise.course);
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      expect(report.checks.length).toBe(exercise.checks.length);
      expect(reportPassed(report)).toBe(true);
    });
    it(`${exercise.id}: exports what the course defines, and its solution is cut from src/`, () => {
      expect(Object.keys(exercise.course).sort()).toEqual([...exercise.exports].sort());
      for (const ref of exercise.solution) expect(sourceFor(ref).code.length).toBeGreaterThan(20);
      for (const name of exercise.exports) expect(exercise.starter).toMatch(new RegExp(`export function ${name}\\(`));
      expect(exercise.hints.length).toBeGreaterThanOrEqual(2);
    });
  }
  it('the four required signatures appear verbatim in the starters', () => {
    expect(codingExercise('softmax-rows').starter).toContain('export function softmaxRows(scores: Matrix): Matrix');
    expect(codingExercise('causal-attention').starter).toContain('export function causalAttention(q: Matrix, k: Matrix, v: Matrix): Matrix');
    expect(codingExercise('split-merge-heads').starter).toContain('export function splitHeads(x: Matrix, h: number): Matrix[]');
    expect(codingExercise('split-merge-heads').starter).toContain('export function mergeHeads(heads: Matrix[]): Matrix');
    expect(codingExercise('multi-head-attention').starter.replace(/\s+/g, ' ')).toContain(
      'export function multiHeadAttention( x: Matrix, w: { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix }, h: number, headMask?: number[], ): Matrix',
    );
  });
});

describe('what a run reports for a broken module', () => {
  it('an unknown id is one failed check naming the known ids', () => {
    const r = runExerciseChecks('no-such', {});
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0].passed).toBe(false);
    expect(r.checks[0].detail).toContain('softmax-rows');
  });
  it('a missing export is a failed check that names it, and nothing else runs', () => {
    const r = runExerciseChecks('split-merge-heads', { splitHeads });
    expect(r.checks).toEqual([{ name: 'exports mergeHeads', passed: false, detail: expect.stringContaining('export function mergeHeads') }]);
    expect(runExerciseChecks('softmax-rows', { softmaxRows: 3 }).checks[0].detail).toContain('not a function');
  });
  it('a function that throws, returns garbage or the wrong shape fails with what happened', () => {
    expect(failed('softmax-rows', { softmaxRows: () => { throw new TypeError('boom'); } })[0].detail).toContain('threw TypeError: boom');
    expect(failed('softmax-rows', { softmaxRows: () => undefined })[0].detail).toContain('should be an ml-matrix Matrix, but it is undefined');
    expect(failed('softmax-rows', { softmaxRows: (s: Matrix) => softmaxRows(s).transpose() })[0].detail).toMatch(/wrong shape: expected 3×5, got 5×3/);
    expect(failed('softmax-rows', { softmaxRows: () => { throw 'a string'; } })[0].detail).toContain('threw string');
  });
  it('the first differing entry is named with its row, column, expected and got', () => {
    const shifted = (s: Matrix) => { const r = softmaxRows(s); if (r.rows === 3) r.set(1, 2, r.get(1, 2) + 1e-6); return r; };
    const f = failure('softmax-rows', { softmaxRows: shifted }, 'seeded random');
    expect(f.detail).toMatch(/random 3×5\) differs first at row 1, column 2: expected [\d.e-]+, got [\d.e-]+/);
  });
  it('a function that modifies its input fails, naming the entry it changed', () => {
    const inPlace = (s: Matrix) => { const r = softmaxRows(s); s.set(0, 0, 42); return r; };
    expect(failed('softmax-rows', { softmaxRows: inPlace })[0].detail).toMatch(/modified its input scores at row 0, column 0 \(was .*, now 42\)/);
  });
});

describe('typical wrong solutions fail with the right check named', () => {
  it('softmax without subtracting the maximum: the ±1e6 check (and the fully masked row), nothing else', () => {
    const names = failed('softmax-rows', { softmaxRows: naiveSoftmaxRows }).map((c) => c.name);
    expect(names).toContain('logits of ±1e6 stay finite');
    expect(names.some((n) => n.includes('seeded random'))).toBe(false);
    expect(failure('softmax-rows', { softmaxRows: naiveSoftmaxRows }, '±1e6').detail).toMatch(/got NaN/);
  });
  it('a causal mask off by one, either way: query 0 sees only key 0', () => {
    for (const strict of [false, true]) {
      const f = failure('causal-attention', { causalAttention: offByOneCausal(strict) }, 'query 0 sees only key 0');
      expect(f.detail).toMatch(/row 0 of the output .* differs first at row 0, column 0/);
    }
  });
  it('causal attention without the √d_k scale fails the random cases and the d_k = 16 case', () => {
    const unscaled = (q: Matrix, k: Matrix, v: Matrix) => {
      if (q.columns !== k.columns) throw new RangeError('widths differ');
      const s = q.mmul(k.transpose());
      for (let i = 0; i < s.rows; i++) for (let j = i + 1; j < s.columns; j++) s.set(i, j, -Infinity);
      return softmaxRows(s).mmul(v);
    };
    expect(failure('causal-attention', { causalAttention: unscaled }, 'scaled by √d_k').detail).toContain('differs first');
    // Without the width check ml-matrix's mmul does not throw: the error check catches it.
    const unchecked = (q: Matrix, k: Matrix, v: Matrix) => course.causalAttention(q, k.columns === q.columns ? k : Matrix.zeros(k.rows, q.columns), v);
    expect(failure('causal-attention', { causalAttention: unchecked }, 'different widths').detail).toContain('should throw an error');
  });
  it('heads split along rows: the splitHeads checks fail on the shape', () => {
    const byRows = (x: Matrix, h: number) => {
      const r = x.rows / h;
      return Array.from({ length: h }, (_, i) => x.subMatrix(i * r, (i + 1) * r - 1, 0, x.columns - 1));
    };
    const f = failure('split-merge-heads', { splitHeads: byRows, mergeHeads }, 'splitHeads with h = d_model');
    expect(f.passed).toBe(false);
    expect(failure('split-merge-heads', { splitHeads: byRows, mergeHeads }, 'splitHeads on seeded random').detail).toMatch(/head 0 of splitHeads\(6×6, h = 3\) has the wrong shape: expected 6×2, got 2×6/);
  });
  it('mergeHeads that does not check the heads\' shapes fails the error check only', () => {
    const lax = (heads: Matrix[]) => {
      if (heads.length === 0) throw new RangeError('no heads');
      const out = Matrix.zeros(heads[0].rows, heads[0].columns * heads.length);
      heads.forEach((hd, i) => out.setSubMatrix(hd, 0, i * heads[0].columns));
      return out;
    };
    const names = failed('split-merge-heads', { splitHeads, mergeHeads: lax }).map((c) => c.name);
    expect(names).toEqual(['mergeHeads throws for no heads, or heads of different shapes']);
  });
  it('multi-head attention that ignores the head mask fails only the headMask check', () => {
    const noMask = (x: Matrix, w: W, h: number) => courseMha(x, w, h);
    expect(failed('multi-head-attention', { multiHeadAttention: noMask }).map((c) => c.name)).toEqual(["headMask scales each head's output before W_O"]);
  });
  it('multi-head attention with one softmax over all heads\' scores (no split) fails the random layers', () => {
    const oneHead = (x: Matrix, w: W, h: number, m?: number[]) => { headDim(x.columns, h); return courseMha(x, w, 1, m ? [m[0]] : undefined); };
    expect(failure('multi-head-attention', { multiHeadAttention: oneHead }, 'seeded random layers').detail).toContain('differs first');
  });
  it('4·d_model² for every layer fails the h·d_k ≠ d_model checks but passes the convention', () => {
    const conventional = ({ dModel, h, bias = true }: { dModel: number; h: number; bias?: boolean }) => parameterCount({ dModel, h, bias });
    const names = failed('general-parameter-count', { generalParameterCount: conventional }).map((c) => c.name);
    expect(names.some((n) => n.startsWith('the convention'))).toBe(false);
    expect(names.some((n) => n.includes("T5 3B"))).toBe(true);
    expect(names.some((n) => n.includes('d_v ≠ d_k'))).toBe(true);
  });
  it('a KV cache without the factor 2 (keys only) fails every size check', () => {
    const keysOnly = ({ layers, kvHeads, dHead, bytesPerValue = 2, tokens = 1, batch = 1 }: Record<string, number>) => {
      if (![layers, kvHeads, dHead].every((v) => Number.isInteger(v) && v >= 1)) throw new RangeError('bad');
      return layers * kvHeads * dHead * bytesPerValue * tokens * batch;
    };
    const names = failed('kv-cache-bytes', { kvCacheBytes: keysOnly }).map((c) => c.name);
    expect(names.filter((n) => !n.startsWith('zero tokens') && !n.startsWith('throws'))).toHaveLength(4);
    expect(failure('kv-cache-bytes', { kvCacheBytes: keysOnly }, 'defaults').detail).toMatch(/expected 36864, got 18432/);
  });
  it('merging by the sum instead of the mean passes only h = 1; an in-place sum is caught modifying a head', () => {
    const sum = (heads: Matrix[], wUp: Matrix) => heads.reduce((a, b) => Matrix.add(a, b), Matrix.zeros(heads[0].rows, heads[0].columns)).mmul(wUp);
    const names = failed('merge-average', { mergeAverage: sum }).map((c) => c.name);
    expect(names).not.toContain('one head (h = 1): the mean is the head itself');
    expect(names.some((n) => n.startsWith('seeded random'))).toBe(true);
    const inPlace = (heads: Matrix[], wUp: Matrix) => { const acc = heads[0]; for (const hd of heads.slice(1)) acc.add(hd); return acc.div(heads.length).mmul(wUp); };
    expect(failure('merge-average', { mergeAverage: inPlace }, 'seeded random').detail).toMatch(/modified its input heads\[0\] at row 0, column 0/);
  });
  it('the ξ gradient taken with W_O instead of W_Oᵀ fails the course comparison and the finite difference', () => {
    const wrong = (x: Matrix, w: W, h: number, upstream: Matrix) => course.headMaskGradient(x, { ...w, wo: w.wo.transpose() }, h, upstream);
    expect(failure('head-mask-gradient', { headMaskGradient: wrong }, 'finite difference').detail).toMatch(/\[\d\]: expected/);
    expect(failure('head-mask-gradient', { headMaskGradient: wrong }, 'seeded random').passed).toBe(false);
  });
});

describe('generalParameterCount (src/attention/counts.ts)', () => {
  it('is 4·d_model² + 4·d_model under the convention, for every h', () => {
    for (const h of [1, 2, 4, 8, 16]) expect(generalParameterCount({ dModel: 64, h, dK: 64 / h })).toBe(parameterCount({ dModel: 64, h }));
  });
  it('counts each matrix by its shape when h·d_k ≠ d_model', () => {
    // W_Q, W_K: 10×12; W_V: 10×21; W_O: 21×10; biases 12 + 12 + 21 + 10
    expect(generalParameterCount({ dModel: 10, h: 3, dK: 4, dV: 7 })).toBe(120 + 120 + 210 + 210 + 55);
    expect(generalParameterCount({ dModel: 1024, h: 32, dK: 128, bias: false })).toBe(4 * 1024 * 4096);
    expect(() => generalParameterCount({ dModel: 8, h: 0, dK: 4 })).toThrow(/h must be a positive whole number, got 0/);
  });
  it('the split used by the exercises is the course\'s', () => {
    expect(mergeHeads(splitHeads(Matrix.eye(2, 4), 2)).to2DArray()).toEqual(Matrix.eye(2, 4).to2DArray());
  });
});

/** Run `code` as the sandbox's worker does (transpile, evaluate, checks) and return the report, or the error. */
async function runText(id: string, code: string): Promise<ExerciseReport | string> {
  const r = await evaluate({ code, task: { kind: 'exercise', id } });
  if (r.kind !== 'ok') return `${r.kind}: ${'message' in r ? r.message : ''}`;
  return fromWire(r.value as Wire) as ExerciseReport;
}

describe('what the page runs: text through the sandbox body (src/cells/evaluate.ts)', () => {
  // "Show solution" reveals these pieces; pasted into the editor as they are, they pass.
  for (const exercise of CODING_EXERCISES) {
    it(`${exercise.id}: the revealed solution, pasted as it is, passes every check`, async () => {
      const code = exercise.solution.map((ref) => sourceFor(ref).code).join('\n\n');
      const report = await runText(exercise.id, code);
      expect(typeof report === 'string' ? report : report.checks.filter((c) => !c.passed)).toEqual([]);
    });
  }
  for (const exercise of CODING_EXERCISES) {
    it(`${exercise.id}: the starter runs and fails at least one check`, async () => {
      const report = await runText(exercise.id, exercise.starter);
      expect(typeof report).toBe('object');
      expect((report as ExerciseReport).checks.some((c) => !c.passed)).toBe(true);
    });
  }
  it('a typed softmax without the max subtraction fails the ±1e6 check', async () => {
    const report = (await runText('softmax-rows', NAIVE_SOFTMAX)) as ExerciseReport;
    expect(report.checks.find((c) => c.name === 'logits of ±1e6 stay finite')?.passed).toBe(false);
  });
  it('a typed multi-head attention, written from scratch, passes', async () => {
    const report = (await runText('multi-head-attention', MHA_SOLUTION)) as ExerciseReport;
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
  });
});

describe("the multi-head-attention solution (the course's parts put together)", () => {
  it("equals the course's layer, to 1e-12, at several shapes and head masks, and refuses an h that does not divide d_model", async () => {
    const { multiHeadAttention: fromParts } = await import('../../src/cells/exercises/mha-from-parts');
    const { multiHeadAttention: course } = await import('../../src/cells/exercises/reference-mha');
    const { mulberry32, randomMatrix } = await import('../../src/attention');
    const rng = mulberry32(77);
    for (const [n, d, h, mask] of [[4, 8, 2, undefined], [3, 6, 3, [1, 0, 0.5]], [5, 4, 4, [0, 1, 1, 0]], [2, 4, 1, undefined]] as const) {
      const w = { wq: randomMatrix(d, d, rng), wk: randomMatrix(d, d, rng), wv: randomMatrix(d, d, rng), wo: randomMatrix(d, d, rng) };
      const x = randomMatrix(n, d, rng);
      const a = fromParts(x, w, h, mask ? [...mask] : undefined).to1DArray();
      const b = course(x, w, h, mask ? [...mask] : undefined).to1DArray();
      expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-12);
    }
    const w4 = { wq: randomMatrix(6, 6, rng), wk: randomMatrix(6, 6, rng), wv: randomMatrix(6, 6, rng), wo: randomMatrix(6, 6, rng) };
    expect(() => fromParts(randomMatrix(2, 6, rng), w4, 4)).toThrow(/4/);
  });
});

describe('typed wrong solutions through the sandbox body', () => {
  it('an off-by-one causal mask fails "query 0 sees only key 0"; heads split along rows fail splitHeads', async () => {
    const causal = (await runText('causal-attention', OFF_BY_ONE_CAUSAL)) as ExerciseReport;
    expect(causal.checks.find((c) => c.name.startsWith('query 0 sees only key 0'))?.passed).toBe(false);
    const split = (await runText('split-merge-heads', SPLIT_BY_ROWS)) as ExerciseReport;
    expect(split.checks.find((c) => c.name.startsWith('splitHeads on seeded random'))?.detail).toMatch(/wrong shape: expected 6×2, got 2×6/);
    expect((await runText('softmax-rows', GOOD_SOFTMAX) as ExerciseReport).checks.every((c) => c.passed)).toBe(true);
  });
  it('a syntax error is reported with its line', async () => {
    const r = await evaluate({ code: BROKEN_SOFTMAX, task: { kind: 'exercise', id: 'softmax-rows' } });
    expect(r).toMatchObject({ kind: 'syntax-error', line: 3 });
  });
});

describe('what the page shows after a run (src/cells/exercises/outcome.ts)', () => {
  it('maps each ending to pass, fail, error or timeout, with the line of an error', () => {
    const ok = (passed: boolean[]) => summarize({ kind: 'ok', value: { checks: passed.map((p, i) => ({ name: `c${i}`, passed: p })) } });
    expect(ok([true, true])).toMatchObject({ result: 'pass', summary: 'Passed: all 2 checks. Solved, and remembered in this browser.' });
    expect(ok([true, false, false])).toMatchObject({ result: 'fail', summary: '1 of 3 checks passed.' });
    expect(ok([])).toMatchObject({ result: 'error' });
    expect(summarize({ kind: 'ok', value: 'garbage' as never })).toMatchObject({ result: 'error' });
    expect(summarize({ kind: 'syntax-error', line: 3, column: 33, message: 'Unexpected token' })).toMatchObject({ result: 'error', line: 3, summary: 'Syntax error on line 3, column 33: Unexpected token' });
    expect(summarize({ kind: 'error', message: 'boom', line: 7 })).toMatchObject({ result: 'error', summary: 'Your code threw an error on line 7: boom' });
    expect(summarize({ kind: 'timeout', ms: 2000 })).toMatchObject({ result: 'timeout', summary: expect.stringMatching(/^Stopped after 2 s/) });
  });
});
