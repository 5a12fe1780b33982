// The runnable-cell machinery that does not need a browser: type stripping with line
// numbers kept, values across postMessage, and running a reader's code (evaluate.ts is the
// worker's body; the worker itself, timeouts and the page are tested in tests/widgets/cells).
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { exportTopLevel, transpile } from '../../src/cells/transpile';
import { fromWire, toWire } from '../../src/cells/wire';
import { evaluate } from '../../src/cells/evaluate';
import { softmaxRows } from '../../src/attention';
import { sourceFiles, sourceFor } from '../../src/lib/sources';

describe('transpile', () => {
  it('strips types and keeps every line where it was', () => {
    const source = "import { Matrix } from 'ml-matrix';\n/** doc */\nexport function f(a: Matrix, n: number): number {\n  const x: number = n;\n  return x;\n}\n";
    const t = transpile(source);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.code.split('\n').length).toBe(source.split('\n').length);
    expect(t.code.split('\n')[3]).toMatch(/const x = n;/);
    expect(t.code).not.toMatch(/: number/);
  });
  it('points a syntax error at its 1-based line and column', () => {
    const t = transpile('export function f(a: number) {\n  const b = 1;\n  return a +;\n}');
    expect(t).toMatchObject({ ok: false, line: 3, column: 13 });
    if (!t.ok) expect(t.message).toMatch(/Unexpected token/);
  });
  it('exports top-level functions and consts that a cell cut from its file declares without export', () => {
    expect(exportTopLevel('function a() {}\n  function inner() {}\nexport function b() {}\nconst c = 1;\nasync function d() {}'))
      .toBe('export function a() {}\n  function inner() {}\nexport function b() {}\nexport const c = 1;\nexport async function d() {}');
  });
});

describe('wire', () => {
  it('carries a Matrix as one Float64Array of its entries, of any shape, and nothing else as a Matrix', () => {
    const wide = new Matrix([[1, 2, 3], [4, 5, 6]]);
    const wire = toWire(wide) as { $matrix: { rows: number; columns: number; data: Float64Array } };
    expect(wire.$matrix.rows).toBe(2);
    expect(wire.$matrix.columns).toBe(3);
    expect(Array.from(wire.$matrix.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((fromWire(structuredClone(wire)) as Matrix).to2DArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect((fromWire(toWire(new Matrix(0, 0))) as Matrix).rows).toBe(0);
    // a look-alike with the wrong length stays a plain object
    const fake = fromWire({ $matrix: { rows: 2, columns: 2, data: new Float64Array(3) } } as never);
    expect(Matrix.isMatrix(fake)).toBe(false);
  });
  it('carries Matrix values (NaN and ±∞ included) and back', () => {
    const m = new Matrix([[1, NaN], [-Infinity, 2]]);
    const wire = toWire({ weights: m, list: [m], n: 3 });
    expect(JSON.parse(JSON.stringify(wire, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)))).toMatchObject({ n: 3 });
    const back = fromWire(structuredClone(wire)) as { weights: Matrix; list: Matrix[] };
    expect(Matrix.isMatrix(back.weights)).toBe(true);
    expect(back.weights.to2DArray()).toEqual([[1, NaN], [-Infinity, 2]]);
    expect(Matrix.isMatrix(back.list[0])).toBe(true);
  });
  it('refuses what cannot travel, naming where it is', () => {
    expect(() => toWire({ a: [1, () => 2] })).toThrow(/value\.a\[1\] is a function/);
    expect(() => toWire(new Map())).toThrow(/class Map/);
  });
});

describe('evaluate (the worker body)', () => {
  const scores = new Matrix([[1, 2, 3], [1000, 0, -1000], [-Infinity, 0, -Infinity]]);
  const call = (code: string, name = 'softmaxRows', args: unknown[] = [scores]) =>
    evaluate({ code, task: { kind: 'call', name, args: args.map((a) => toWire(a)) } });

  it("runs lesson 1's softmaxRows cell as cut from its file, with no import, equal to the course's", async () => {
    const { code } = sourceFor('src/attention/softmax.ts#softmaxRows');
    const r = await call(code);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect((fromWire(r.value) as Matrix).to2DArray()).toEqual(softmaxRows(scores).to2DArray());
  });
  it('accepts imports from ml-matrix and from the course, and a whole file pasted from src/', async () => {
    const code = "import { Matrix } from 'ml-matrix';\nimport { softmax } from './softmax';\nexport function softmaxRows(s: Matrix): Matrix {\n  return new Matrix(s.to2DArray().map(softmax));\n}";
    const r = await call(code);
    expect(r.kind).toBe('ok');
    const { code: file } = { code: sourceFor('src/attention/merge.ts#mergeAverage').code };
    expect((await evaluate({ code: file, task: { kind: 'load' } }))).toEqual({ kind: 'ok', value: ['mergeAverage'] });
  });
  it('a softmax without the max subtraction gives NaN at logits of 1000, as a value, not an error', async () => {
    const naive = 'export function softmaxRows(scores: Matrix): Matrix {\n  return new Matrix(scores.to2DArray().map((row) => {\n    const e = row.map((s) => Math.exp(s));\n    const sum = e.reduce((a, b) => a + b, 0);\n    return e.map((v) => v / sum);\n  }));\n}';
    const r = await call(naive);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const out = (fromWire(r.value) as Matrix).to2DArray();
    expect(out[0].every(Number.isFinite)).toBe(true);
    expect(out[1][0]).toBeNaN(); // e^1000 = ∞, ∞/∞
  });
  it('reports an exception with its message and the line it came from', async () => {
    const r = await call('export function softmaxRows(s: Matrix): Matrix {\n  const n: number = s.rows;\n  throw new RangeError(`no ${n}`);\n}');
    expect(r).toMatchObject({ kind: 'error', message: 'RangeError: no 3', line: 3 });
  });
  it('reports a syntax error with its line and column, and a missing export by name', async () => {
    expect(await call('export function softmaxRows(s) {\n  return s +;\n}')).toMatchObject({ kind: 'syntax-error', line: 2, column: 13 });
    const r = await call('export function softmax(s) { return s; }');
    expect(r).toMatchObject({ kind: 'error' });
    if (r.kind === 'error') expect(r.message).toMatch(/does not export a function named softmaxRows \(it exports softmax\)/);
  });
  it('refuses an unknown module and keeps what the code prints out of the console', async () => {
    const r = await evaluate({ code: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", task: { kind: 'load' } });
    expect(r).toMatchObject({ kind: 'error', line: 1 });
    if (r.kind === 'error') expect(r.message).toMatch(/Cannot import 'node:fs'/);
    const logs: string[] = [];
    expect(await evaluate({ code: 'console.log("hi", new Matrix([[1]]));\nexport const a = 1;', task: { kind: 'load' } }, logs)).toMatchObject({ kind: 'ok' });
    expect(logs).toEqual(['hi Matrix 1×1 [[1]]']);
  });
});

describe('share', () => {
  it('round-trips a cell through the URL fragment, compressed, and reports a damaged one', async () => {
    const { encodeCell, decodeCell, hasSharedCell } = await import('../../src/cells/share');
    const { code } = sourceFor('src/attention/multiHead.ts#multiHeadAttention');
    const cell = { source: 'src/attention/multiHead.ts#multiHeadAttention', code: `${code}\n// ünïcode ≤ √` };
    const hash = await encodeCell(cell);
    expect(hasSharedCell(hash)).toBe(true);
    expect(hash).toMatch(/^#code=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(cell.code.length); // compressed
    expect(await decodeCell(hash)).toEqual(cell);
    expect(await decodeCell('#intro')).toBeNull();
    expect(await decodeCell(hash.slice(0, 40))).toBeInstanceOf(Error);
  });
});

describe('compare', () => {
  it('finds the largest absolute difference and where; NaN first; a shape mismatch by shape', async () => {
    const { compareMatrices, describeDifference } = await import('../../src/cells/compare');
    const a = new Matrix([[0.5, 0.5], [0.25, 0.75]]);
    expect(compareMatrices(a, a)).toMatchObject({ kind: 'values', maxAbsDiff: 0 });
    const d = compareMatrices(new Matrix([[0.5, 0.5], [0.2, 0.75]]), a);
    expect(d).toMatchObject({ kind: 'values', row: 1, column: 0, got: 0.2, expected: 0.25 });
    expect(d.kind === 'values' && d.maxAbsDiff).toBeCloseTo(0.05, 12);
    expect(describeDifference(d, 'attention weights')).toBe("Largest difference from the course's attention weights: 0.05 at row 1, column 0 (yours 0.2, the course's 0.25).");
    const nan = compareMatrices(new Matrix([[0.5, 9], [NaN, 0.75]]), a);
    expect(nan).toMatchObject({ kind: 'values', row: 1, column: 0 });
    expect(describeDifference(nan, 'weights')).toMatch(/NaN in the weights at row 1, column 0 \(the course's: 0.25\)/);
    expect(compareMatrices(new Matrix([[-Infinity]]), new Matrix([[-Infinity]]))).toMatchObject({ maxAbsDiff: 0 });
    expect(describeDifference(compareMatrices(new Matrix(2, 3), a), 'weights')).toBe("Your code gives weights of 2 × 3; the course's are 2 × 2.");
  });
});

describe('a cell run in its file (the context CodeCell gives)', () => {
  const contextOf = (ref: string) => {
    const { path, code } = sourceFor(ref);
    const file = sourceFiles[path];
    const at = file.indexOf(code);
    expect(at).toBeGreaterThan(0);
    return { code, context: { before: file.slice(0, at), after: file.slice(at + code.length) } };
  };
  it("lesson 7's maskedSum, run in its file by the masked-sum driver, gives the widget's numbers; a ξ-blind sum brings heads back; errors name the layer", async () => {
    const { default: json } = await import('../../content/lab/checkpoint.json');
    const { parseCheckpoint, labConfig, labTestSets, MaskedEvaluator } = await import('../../src/training');
    const { settings, params } = parseCheckpoint(json);
    const mask = [[1, 0, 0, 0], [0, 1, 0, 0]];
    const expected = new MaskedEvaluator(params, labConfig(settings), labTestSets(settings).test).run(mask);
    const drive = (code: string, context?: { before: string; after: string }) => evaluate({ code, context, task: { kind: 'drive', driver: 'masked-sum', name: 'maskedSum', args: [toWire({ settings, flat: params.flat }), toWire(mask)] } });
    const { code, context } = contextOf('src/training/ablation.ts#maskedSum');
    const r = await drive(code, context);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const got = fromWire(r.value) as { accuracy: number; loss: number; predicted: Int32Array; worst: { layer: number; difference: { maxAbsDiff: number } } };
    expect(got.accuracy).toBe(expected.accuracy);
    expect(got.loss).toBe(expected.loss);
    expect(Array.from(got.predicted)).toEqual(Array.from(expected.predicted));
    expect(got.worst.difference.maxAbsDiff).toBe(0);
    // every head added whatever its ξ: the accuracy of the model with every head on
    const blind = await drive(code.replace(/\s*if \(xi\[head\] === 0\) return;[^\n]*/, '').replace('Matrix.mul(c, xi[head])', 'c'), context);
    const all = new MaskedEvaluator(params, labConfig(settings), labTestSets(settings).test).run();
    expect(blind.kind === 'ok' && (fromWire(blind.value) as { accuracy: number }).accuracy).toBe(all.accuracy);
    expect(blind.kind === 'ok' && (fromWire(blind.value) as { worst: { difference: { maxAbsDiff: number } } }).worst.difference.maxAbsDiff).toBeGreaterThan(0);
    const wrongShape = await drive('export function maskedSum(input: Matrix): Matrix {\n  return input.transpose();\n}');
    expect(wrongShape).toMatchObject({ kind: 'error', message: expect.stringMatching(/maskedSum returned 16 × 2048 at layer 1; the widget needs 2048 × 16/) });
    const unknown = await evaluate({ code, context, task: { kind: 'drive', driver: 'nope', name: 'maskedSum', args: [] } });
    expect(unknown).toMatchObject({ kind: 'error', message: 'No driver named nope in this build.' });
  });
  it("multiHeadAttention uses its file's private helpers and equals the course's", async () => {
    const { multiHeadAttention, randomMatrix, mulberry32 } = await import('../../src/attention');
    const { code, context } = contextOf('src/attention/multiHead.ts#multiHeadAttention');
    const rng = mulberry32(5);
    const x = randomMatrix(3, 8, rng);
    const w = { wq: randomMatrix(8, 8, rng), wk: randomMatrix(8, 8, rng), wv: randomMatrix(8, 8, rng), wo: randomMatrix(8, 8, rng) };
    const task = { kind: 'call' as const, name: 'multiHeadAttention', args: [x, w, { h: 2 }].map((a) => toWire(a)) };
    const alone = await evaluate({ code, task });
    expect(alone.kind === 'error' && alone.message).toMatch(/is not defined/); // cut out alone, its file's helpers are missing
    const r = await evaluate({ code, context, task });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const got = fromWire(r.value) as { output: Matrix };
    expect(got.output.to2DArray()).toEqual(multiHeadAttention(x, w, { h: 2 }).output.to2DArray());
  });
  it("keeps the reader's line numbers, and names the file's line when the rest of the file breaks", async () => {
    const { context } = contextOf('src/attention/softmax.ts#softmax');
    const broken = 'export function softmax(row: ArrayLike<number>): number[] {\n  const x = 1;\n  return x +;\n}';
    expect(await evaluate({ code: broken, context, task: { kind: 'load' } })).toMatchObject({ kind: 'syntax-error', line: 3 });
    const throws = 'export function softmax(row: ArrayLike<number>): number[] {\n  throw new Error(`no`);\n}';
    expect(await evaluate({ code: throws, context, task: { kind: 'call', name: 'softmaxRows', args: [toWire(new Matrix([[1, 2]]))] } }))
      .toMatchObject({ kind: 'error', message: 'no', line: 2 }); // the file's softmaxRows calls the reader's softmax
  });
});

