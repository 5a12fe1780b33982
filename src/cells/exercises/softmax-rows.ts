import { Matrix } from 'ml-matrix';
import { softmaxRows } from '../../attention';
import { callReader, check, expectMatrix, fail, seeded } from './checks';
import type { CodingExercise, ReaderModule } from './types';

/** Run the reader's softmaxRows on `scores` and compare with the course's. */
function compare(mod: ReaderModule, scores: Matrix, label: string): void {
  const got = callReader(mod, 'softmaxRows', [scores], ['scores']);
  expectMatrix(got, softmaxRows(scores), `softmaxRows(${label})`);
}

export const softmaxRowsExercise: CodingExercise = {
  id: 'softmax-rows',
  lesson: '01-attention-in-one-head',
  title: 'Softmax, row by row, without overflow',
  task:
    'Write softmaxRows: row i of the result is the softmax of row i of the scores. It must stay finite for logits as large as ±1e6, ' +
    'give weight 0 to entries equal to −∞ (masked keys), and turn a row that is entirely −∞ into zeros rather than NaN. Do not modify the input.',
  exports: ['softmaxRows'],
  course: { softmaxRows },
  starter: `import { Matrix } from 'ml-matrix';

/** Row-wise softmax of an (n, m) matrix of scores; the input is not modified. */
export function softmaxRows(scores: Matrix): Matrix {
  // TODO: for each row, subtract its maximum, exponentiate, divide by the sum.
  //       A row whose maximum is −∞ (everything masked) gives zeros.
  return scores;
}
`,
  hints: [
    'softmax(z)_j = exp(z_j) / Σ_k exp(z_k) does not change when you subtract the same number from every z_j. Subtract the row\'s maximum: the largest exponent is then exp(0) = 1, so nothing overflows.',
    'exp(1e6) is Infinity in floating point, and Infinity / Infinity is NaN: that is what the ±1e6 check catches.',
    'When every entry of a row is −∞ the maximum is −∞ too, and −∞ − (−∞) is NaN. Test for that case first and return a row of zeros.',
    'scores.to2DArray() gives plain rows to work on; new Matrix(rows) builds the result.',
  ],
  solution: ['src/attention/softmax.ts#softmax', 'src/attention/softmax.ts#softmaxRows'],
  checks: [
    check('seeded random scores (1×1, 3×5, 6×4) match the course to 1e-9', (mod) => {
      for (const [n, m, seed] of [[1, 1, 1], [3, 5, 2], [6, 4, 3]]) compare(mod, seeded(n, m, seed, 3), `random ${n}×${m}`);
    }),
    check('logits of ±1e6 stay finite', (mod) => {
      compare(mod, new Matrix([[1e6, 1e6 - 1, 1e6 - 3], [-1e6, -1e6 + 2, -1e6 + 1], [1e6, -1e6, 0]]), 'logits near ±1e6');
    }),
    check('a fully masked row (all −∞) gives zeros', (mod) => {
      compare(mod, new Matrix([[-Infinity, -Infinity, -Infinity], [0.5, -1, 2]]), 'a row of −∞');
    }),
    check('−∞ entries get weight 0 and the rest still sums to 1', (mod) => {
      compare(mod, new Matrix([[1, -Infinity, 2, -Infinity], [-Infinity, 3, -Infinity, -Infinity]]), 'partly masked rows');
    }),
    check('returns a new matrix with the same shape as its input', (mod) => {
      const scores = seeded(2, 3, 4);
      const got = callReader(mod, 'softmaxRows', [scores], ['scores']);
      if (got === scores) fail('softmaxRows returned its input itself: build a new Matrix');
    }),
  ],
};
