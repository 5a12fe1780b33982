import { Matrix } from 'ml-matrix';
import { causalAttention } from './reference';
import { callReader, check, entriesOf, expectMatrix, expectThrows, fail, seeded } from './checks';
import type { CodingExercise, ReaderModule } from './types';

/** Run the reader's causalAttention and compare with the course's. */
function compare(mod: ReaderModule, q: Matrix, k: Matrix, v: Matrix, label: string): void {
  const got = callReader(mod, 'causalAttention', [q, k, v], ['q', 'k', 'v']);
  expectMatrix(got, causalAttention(q, k, v), `causalAttention on ${label}`);
}

export const causalAttentionExercise: CodingExercise = {
  id: 'causal-attention',
  lesson: '01-attention-in-one-head',
  title: 'Causal scaled dot-product attention',
  task:
    'Write causalAttention: softmax(Q·Kᵀ/√d_k)·V where query i may attend only to keys j ≤ i (a decoder cannot look ahead). ' +
    'Q and K are (n, d_k), V is (n, d_v); return the (n, d_v) output. Refuse queries and keys of different widths with an error. Do not modify the inputs.',
  exports: ['causalAttention'],
  course: { causalAttention },
  starter: `import { Matrix } from 'ml-matrix';

/** softmax(Q·Kᵀ/√d_k + causal mask)·V: query i sees keys j ≤ i. Returns (n, d_v). */
export function causalAttention(q: Matrix, k: Matrix, v: Matrix): Matrix {
  // TODO: scores = Q·Kᵀ / √d_k            (n, d_k)·(d_k, n) → (n, n)
  // TODO: set scores[i][j] = −∞ where j > i, then a stable softmax per row
  // TODO: return weights·V                (n, n)·(n, d_v) → (n, d_v)
  return v;
}
`,
  hints: [
    'd_k is q.columns. q.mmul(k.transpose()) gives the (n, n) scores; Matrix.div(scores, Math.sqrt(dK)) divides without touching q.',
    'Row i of the scores belongs to query i. Keys j > i are in its future: set those entries to −Infinity, so their weight after the softmax is exactly 0.',
    'Check the mask on the first row: query 0 sees only key 0, so row 0 of the output is row 0 of V.',
    'Subtract each row\'s maximum before exponentiating, or the large-score check will give NaN.',
    'ml-matrix does not refuse a product of mismatched shapes on its own here: compare q.columns with k.columns and throw a RangeError that names both.',
  ],
  solution: ['src/attention/mask.ts#causalMask', 'src/attention/mask.ts#applyCausalMask', 'src/attention/scaledDotProduct.ts#scaledDotProductAttention', 'src/cells/exercises/reference.ts#causalAttention'],
  checks: [
    check('seeded random cases (n, d_k, d_v) = (1, 1, 1), (4, 3, 2), (7, 8, 5) match the course to 1e-9', (mod) => {
      for (const [n, dK, dV, seed] of [[1, 1, 1, 10], [4, 3, 2, 11], [7, 8, 5, 12]]) {
        compare(mod, seeded(n, dK, seed), seeded(n, dK, seed + 100), seeded(n, dV, seed + 200), `random n = ${n}, d_k = ${dK}, d_v = ${dV}`);
      }
    }),
    check('query 0 sees only key 0: row 0 of the output is row 0 of V', (mod) => {
      const q = seeded(5, 4, 20);
      const k = seeded(5, 4, 21);
      const v = seeded(5, 3, 22);
      const got = entriesOf(callReader(mod, 'causalAttention', [q, k, v], ['q', 'k', 'v']), 'the result');
      if (got.length !== 5) fail(`the result has ${got.length} rows; expected 5, one per query`);
      expectMatrix(new Matrix([got[0]]), v.subMatrix(0, 0, 0, v.columns - 1), 'row 0 of the output (query 0 sees key 0 only, so it is V\'s row 0)');
    }),
    check('scores near ±1e6 stay finite (stable softmax)', (mod) => {
      const q = seeded(4, 2, 30, 1000);
      const k = seeded(4, 2, 31, 1000);
      compare(mod, q, k, seeded(4, 3, 32), 'queries and keys of size 1000 (scores near ±1e6)');
    }),
    check('scaled by √d_k (d_k = 16)', (mod) => {
      compare(mod, seeded(3, 16, 40), seeded(3, 16, 41), seeded(3, 2, 42), 'n = 3, d_k = 16');
    }),
    check('throws when queries and keys have different widths', (mod) => {
      expectThrows(mod, 'causalAttention', [seeded(3, 4, 50), seeded(3, 2, 51), seeded(3, 2, 52)], 'q has 4 columns and k has 2');
    }),
  ],
};
