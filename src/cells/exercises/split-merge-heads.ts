import { Matrix } from 'ml-matrix';
import { mergeHeads, splitHeads } from '../../attention';
import { callReader, check, describe, expectMatrix, expectThrows, fail, seeded } from './checks';
import type { CodingExercise, ReaderModule } from './types';

/** The reader's splitHeads(x, h), checked head by head against the course's. */
function compareSplit(mod: ReaderModule, x: Matrix, h: number): void {
  const got = callReader(mod, 'splitHeads', [x, h], ['x', 'h']);
  const expected = splitHeads(x, h);
  const label = `splitHeads(${x.rows}×${x.columns}, h = ${h})`;
  if (!Array.isArray(got)) fail(`${label} should return an array of ${h} matrices, but it returned ${describe(got)}`);
  if (got.length !== h) fail(`${label} returned ${got.length} heads; expected ${h}`);
  expected.forEach((e, i) => expectMatrix(got[i], e, `head ${i} of ${label}`));
}

/** The reader's mergeHeads(heads) against the course's. */
function compareMerge(mod: ReaderModule, heads: Matrix[]): void {
  const got = callReader(mod, 'mergeHeads', [heads], ['heads']);
  expectMatrix(got, mergeHeads(heads), `mergeHeads(${heads.length} heads of ${heads[0].rows}×${heads[0].columns})`);
}

export const splitMergeHeadsExercise: CodingExercise = {
  id: 'split-merge-heads',
  lesson: '03-shapes',
  title: 'Split into heads and merge them back',
  task:
    'Write splitHeads: cut an (n, d_model) matrix into h heads, head i taking columns [i·d_k, (i+1)·d_k) with d_k = d_model / h; throw an error when h does not divide d_model. ' +
    'Write mergeHeads: put h heads of shape (n, d_k) side by side, in order, into (n, h·d_k); throw an error for an empty list or heads of different shapes. Do not modify the inputs.',
  exports: ['splitHeads', 'mergeHeads'],
  course: { splitHeads, mergeHeads },
  starter: `import { Matrix } from 'ml-matrix';

/** Cut (n, d_model) into h heads of (n, d_k): head i takes columns [i·d_k, (i+1)·d_k). */
export function splitHeads(x: Matrix, h: number): Matrix[] {
  // TODO: d_k = d_model / h (throw when h does not divide d_model)
  return [x];
}

/** h heads of (n, d_k), side by side in order → (n, h·d_k). */
export function mergeHeads(heads: Matrix[]): Matrix {
  // TODO
  return heads[0];
}
`,
  hints: [
    'A head is a block of columns, not of rows: every head sees every token (row) but only its own d_k features.',
    'x.subMatrix(startRow, endRow, startColumn, endColumn) takes a block; both ends are inclusive, so head i is x.subMatrix(0, x.rows - 1, i * dK, (i + 1) * dK - 1).',
    'For the merge, Matrix.zeros(n, h * dK) then out.setSubMatrix(head, 0, i * dK) for each head.',
    'h = 1 gives one head equal to x; h = d_model gives heads one column wide. Both must work.',
  ],
  solution: ['src/attention/heads.ts#headDim', 'src/attention/split.ts#splitHeads', 'src/attention/split.ts#mergeHeads'],
  checks: [
    check('splitHeads on seeded random inputs (6×6 into 3, 3×8 into 2, 5×12 into 4) matches the course', (mod) => {
      compareSplit(mod, seeded(6, 6, 62), 3);
      compareSplit(mod, seeded(3, 8, 60), 2);
      compareSplit(mod, seeded(5, 12, 61), 4);
    }),
    check('splitHeads with h = 1 gives one head equal to x', (mod) => compareSplit(mod, seeded(4, 5, 63), 1)),
    check('splitHeads with h = d_model gives heads one column wide', (mod) => compareSplit(mod, seeded(2, 4, 64), 4)),
    check('mergeHeads on seeded random heads (2 of 3×4, 3 of 5×2, 1 of 2×3) matches the course', (mod) => {
      compareMerge(mod, [seeded(3, 4, 70), seeded(3, 4, 71)]);
      compareMerge(mod, [seeded(5, 2, 72), seeded(5, 2, 73), seeded(5, 2, 74)]);
      compareMerge(mod, [seeded(2, 3, 75)]);
    }),
    check('mergeHeads(splitHeads(x, h)) gives x back', (mod) => {
      const x = seeded(3, 6, 80);
      const heads = callReader(mod, 'splitHeads', [x, 3], ['x', 'h']);
      if (!Array.isArray(heads)) fail(`splitHeads(3×6, h = 3) should return an array of 3 matrices, but it returned ${describe(heads)}`);
      expectMatrix(callReader(mod, 'mergeHeads', [heads], ['heads']), x, 'mergeHeads(splitHeads(x, 3))');
    }),
    check('splitHeads throws when h does not divide d_model', (mod) => expectThrows(mod, 'splitHeads', [seeded(2, 6, 81), 4], 'h = 4 does not divide d_model = 6')),
    check('mergeHeads throws for no heads, or heads of different shapes', (mod) => {
      expectThrows(mod, 'mergeHeads', [[]], 'the list of heads is empty');
      expectThrows(mod, 'mergeHeads', [[seeded(3, 2, 82), seeded(2, 2, 83)]], 'head 0 is 3×2 and head 1 is 2×2');
    }),
  ],
};
