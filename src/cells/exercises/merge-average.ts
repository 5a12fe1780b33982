import type { Matrix } from 'ml-matrix';
import { mergeAverage } from '../../attention';
import { callReader, check, expectMatrix, expectThrows, seeded } from './checks';
import type { CodingExercise, ReaderModule } from './types';

/** Run the reader's mergeAverage and compare with the course's. */
function compare(mod: ReaderModule, heads: Matrix[], wUp: Matrix, bUp: number[] | undefined, label: string): void {
  const args = bUp === undefined ? [heads, wUp] : [heads, wUp, bUp];
  const got = callReader(mod, 'mergeAverage', args, ['heads', 'wUp', 'bUp']);
  expectMatrix(got, mergeAverage(heads, wUp, bUp), `mergeAverage on ${label}`);
}

const headsOf = (h: number, n: number, dK: number, seed: number) => Array.from({ length: h }, (_, i) => seeded(n, dK, seed + i));

export const mergeAverageExercise: CodingExercise = {
  id: 'merge-average',
  lesson: '05-merging-heads',
  title: 'Merge heads by averaging',
  task:
    'Write mergeAverage: the mean of the h head outputs (each (n, d_k)), times the (d_k, d_model) up-projection W_up, plus the optional bias b_up. ' +
    'Throw an error for no heads, heads of different shapes, or a W_up whose rows are not d_k. Do not modify the inputs.',
  exports: ['mergeAverage'],
  course: { mergeAverage },
  starter: `import { Matrix } from 'ml-matrix';

/** (1/h)·Σ head_i, then ·W_up (+ b_up): h × (n, d_k) → (n, d_model). */
export function mergeAverage(heads: Matrix[], wUp: Matrix, bUp?: number[]): Matrix {
  // TODO: mean of the heads (n, d_k), then (n, d_k)·(d_k, d_model) → (n, d_model), then add bUp to every row
  return heads[0];
}
`,
  hints: [
    'Start from Matrix.zeros(n, dK) and add each head divided by h; Matrix.add and Matrix.div make new matrices, the instance methods change the matrix in place (on a head, that changes the reader\'s input).',
    'mean.mmul(wUp) is (n, d_k)·(d_k, d_model) → (n, d_model).',
    'The bias is added to every row: out.addRowVector(bUp) on the new matrix.',
    'Validate first: at least one head, all heads the same shape, wUp.rows === d_k; throw a RangeError that names the shapes.',
  ],
  solution: ['src/attention/merge.ts#headShape', 'src/attention/merge.ts#combine', 'src/attention/merge.ts#mergeAverage'],
  checks: [
    check('seeded random heads (2 of 3×4, 4 of 5×2) match the course to 1e-9', (mod) => {
      compare(mod, headsOf(2, 3, 4, 300), seeded(4, 8, 310), undefined, '2 heads of 3×4, W_up 4×8');
      compare(mod, headsOf(4, 5, 2, 320), seeded(2, 8, 330), undefined, '4 heads of 5×2, W_up 2×8');
    }),
    check('one head (h = 1): the mean is the head itself', (mod) => compare(mod, headsOf(1, 2, 3, 340), seeded(3, 3, 350), undefined, '1 head of 2×3')),
    check('with the bias b_up', (mod) => compare(mod, headsOf(3, 2, 2, 360), seeded(2, 6, 370), [0.5, -1, 2, 0, 3, -0.25], '3 heads of 2×2 with a bias')),
    check('throws for no heads, heads of different shapes, or W_up with the wrong rows', (mod) => {
      expectThrows(mod, 'mergeAverage', [[], seeded(2, 4, 380)], 'there are no heads');
      expectThrows(mod, 'mergeAverage', [[seeded(2, 2, 381), seeded(3, 2, 382)], seeded(2, 4, 383)], 'head 1 is 2×2 and head 2 is 3×2');
      expectThrows(mod, 'mergeAverage', [headsOf(2, 2, 3, 384), seeded(4, 4, 385)], 'W_up has 4 rows but d_k = 3');
    }),
  ],
};
