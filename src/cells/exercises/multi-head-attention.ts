import type { Matrix } from 'ml-matrix';
import { multiHeadAttention } from './reference-mha';
import { callReader, check, expectMatrix, expectThrows, seeded } from './checks';
import type { CodingExercise, ReaderModule } from './types';

type Weights = { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix };

/** Seeded (d, d) weights with N(0, 1/d) entries, the course's usual initialisation. */
function weights(d: number, seed: number, std = 1 / Math.sqrt(d)): Weights {
  return { wq: seeded(d, d, seed, std), wk: seeded(d, d, seed + 1, std), wv: seeded(d, d, seed + 2, std), wo: seeded(d, d, seed + 3, std) };
}

/** Run the reader's multiHeadAttention and compare with the course's. */
function compare(mod: ReaderModule, x: Matrix, w: Weights, h: number, headMask: number[] | undefined, label: string): void {
  const args = headMask === undefined ? [x, w, h] : [x, w, h, headMask];
  const got = callReader(mod, 'multiHeadAttention', args, ['x', 'w', 'h', 'headMask']);
  expectMatrix(got, multiHeadAttention(x, w, h, headMask), `multiHeadAttention on ${label}`);
}

export const multiHeadAttentionExercise: CodingExercise = {
  id: 'multi-head-attention',
  lesson: '02-one-head-or-several',
  title: 'Multi-head attention from scratch',
  task:
    'Write multiHeadAttention without biases: Q = X·W_Q, K = X·W_K, V = X·W_V; head i attends with columns [i·d_k, (i+1)·d_k) of Q, K and V (d_k = d_model / h), ' +
    'scaled by √d_k, with no mask; headMask[i] (default 1) multiplies head i\'s output; the heads are concatenated in order and multiplied by W_O. ' +
    'Throw an error when h does not divide d_model. Do not modify the inputs.',
  exports: ['multiHeadAttention'],
  course: { multiHeadAttention },
  starter: `import { Matrix } from 'ml-matrix';

/**
 * Multi-head self-attention, no biases. x: (n, d_model); every W: (d_model, d_model).
 * headMask[i] multiplies head i's output before W_O. Returns (n, d_model).
 */
export function multiHeadAttention(
  x: Matrix,
  w: { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix },
  h: number,
  headMask?: number[],
): Matrix {
  // TODO: Q, K, V = X·W_Q, X·W_K, X·W_V          (n, d_model)·(d_model, d_model) → (n, d_model)
  // TODO: per head i: columns [i·d_k, (i+1)·d_k), softmax(Q_i·K_iᵀ/√d_k)·V_i → (n, d_k)
  // TODO: multiply head i by headMask[i], concatenate, then ·W_O → (n, d_model)
  return x;
}
`,
  hints: [
    'Project first, split second: one (d_model, d_model) product per Q, K and V, then take column blocks. That equals h small projections of d_k columns each.',
    'd_k = d_model / h. Check that h divides d_model and throw a RangeError naming both numbers when it does not.',
    'Each head is one scaled dot-product attention on its (n, d_k) blocks, with a stable row softmax (subtract the row maximum).',
    'The head mask multiplies a head\'s output before concatenation: Matrix.mul(head, headMask[i]) makes a new matrix; head.mul(…) would change it in place.',
    'Concatenate in head order with Matrix.zeros(n, d_model) and setSubMatrix(head, 0, i * dK), then one product with W_O.',
  ],
  solution: [
    'src/attention/split.ts#splitHeads',
    'src/attention/split.ts#mergeHeads',
    'src/attention/scaledDotProduct.ts#scaledDotProductAttention',
    'src/cells/exercises/mha-from-parts.ts#multiHeadAttention',
  ],
  checks: [
    check('seeded random layers (n, d_model, h) = (4, 8, 2), (5, 6, 3), (2, 12, 4) match the course to 1e-9', (mod) => {
      for (const [n, d, h, seed] of [[4, 8, 2, 100], [5, 6, 3, 110], [2, 12, 4, 120]]) compare(mod, seeded(n, d, seed), weights(d, seed + 1), h, undefined, `random n = ${n}, d_model = ${d}, h = ${h}`);
    }),
    check('h = 1 (one head as wide as d_model)', (mod) => compare(mod, seeded(3, 4, 130), weights(4, 131), 1, undefined, 'h = 1, d_model = 4')),
    check('h = d_model (heads one column wide)', (mod) => compare(mod, seeded(3, 4, 140), weights(4, 141), 4, undefined, 'h = d_model = 4')),
    check('headMask scales each head\'s output before W_O', (mod) => {
      compare(mod, seeded(4, 6, 150), weights(6, 151), 3, [1, 0, 0.5], 'headMask [1, 0, 0.5]');
      compare(mod, seeded(3, 4, 160), weights(4, 161), 2, [0, 0], 'headMask [0, 0]');
    }),
    check('large inputs (scores near ±1e6) stay finite', (mod) => compare(mod, seeded(4, 4, 170, 30), weights(4, 171, 30), 2, undefined, 'inputs and weights of size 30')),
    check('throws when h does not divide d_model', (mod) => expectThrows(mod, 'multiHeadAttention', [seeded(2, 6, 180), weights(6, 181), 4], 'h = 4 does not divide d_model = 6')),
  ],
};
