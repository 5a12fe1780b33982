import { Matrix } from 'ml-matrix';
import { multiHeadAttention } from '../../attention';
import { headMaskGradient } from './reference';
import { callReader, check, expectNumbers, expectThrows, fail, fmt, seeded } from './checks';
import type { CodingExercise, ReaderModule } from './types';

type Weights = { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix };

function weights(d: number, seed: number): Weights {
  const std = 1 / Math.sqrt(d);
  return { wq: seeded(d, d, seed, std), wk: seeded(d, d, seed + 1, std), wv: seeded(d, d, seed + 2, std), wo: seeded(d, d, seed + 3, std) };
}

/** Run the reader's headMaskGradient and compare with the course's backward pass. */
function compare(mod: ReaderModule, x: Matrix, w: Weights, h: number, upstream: Matrix, label: string): number[] {
  const got = callReader(mod, 'headMaskGradient', [x, w, h, upstream], ['x', 'w', 'h', 'upstream']);
  expectNumbers(got, headMaskGradient(x, w, h, upstream), `headMaskGradient on ${label}`);
  return got as number[];
}

export const headMaskGradientExercise: CodingExercise = {
  id: 'head-mask-gradient',
  lesson: '07-are-sixteen-heads-better-than-one',
  title: 'The gradient behind head importance',
  task:
    'Michel et al. (2019) score head i by the gradient of the loss with respect to its mask variable ξ_i. Write headMaskGradient: for multi-head attention without biases ' +
    '(head i\'s output multiplied by ξ_i before W_O) and the loss L = Σ output ⊙ upstream, return ∂L/∂ξ_i for every head, at ξ = 1. Do not modify the inputs.',
  exports: ['headMaskGradient'],
  course: { headMaskGradient },
  starter: `import { Matrix } from 'ml-matrix';

/** ∂L/∂ξ_i at ξ = 1 for every head, where L = Σ output ⊙ upstream. Returns h numbers. */
export function headMaskGradient(
  x: Matrix,
  w: { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix },
  h: number,
  upstream: Matrix,
): number[] {
  // TODO: forward pass: each head's output O_i (n, d_k)
  // TODO: ∂L/∂concat = upstream·W_Oᵀ              (n, d_model)·(d_model, d_model) → (n, d_model)
  // TODO: ∂L/∂ξ_i = Σ over entries of (∂L/∂concat's block i) ⊙ O_i
  return new Array(h).fill(0);
}
`,
  hints: [
    'ξ_i enters the layer only as concat_i = ξ_i·O_i. So ∂L/∂ξ_i = Σ (∂L/∂concat_i) ⊙ O_i: nothing before the head outputs needs differentiating.',
    'output = concat·W_O, so ∂L/∂concat = upstream·W_Oᵀ. Block i is its columns [i·d_k, (i+1)·d_k).',
    'O_i is softmax(Q_i·K_iᵀ/√d_k)·V_i, with Q = X·W_Q split into column blocks, as in the multi-head attention exercise.',
    'Check yourself numerically: (L(ξ_i = 1 + ε) − L(ξ_i = 1 − ε)) / 2ε should agree with your answer to about 1e-6 for ε = 1e-5.',
  ],
  solution: ['src/training/mhaBackward.ts#mhaBackward', 'src/cells/exercises/reference.ts#headMaskGradient'],
  checks: [
    check('seeded random layers (n, d_model, h) = (4, 8, 2), (3, 6, 3) match the course\'s backward pass to 1e-9', (mod) => {
      compare(mod, seeded(4, 8, 400), weights(8, 401), 2, seeded(4, 8, 405), 'random n = 4, d_model = 8, h = 2');
      compare(mod, seeded(3, 6, 410), weights(6, 411), 3, seeded(3, 6, 415), 'random n = 3, d_model = 6, h = 3');
    }),
    check('agrees with a finite difference of the loss (ε = 1e-5, to 1e-6)', (mod) => {
      const x = seeded(3, 4, 420);
      const w = weights(4, 421);
      const upstream = seeded(3, 4, 425);
      const got = callReader(mod, 'headMaskGradient', [x, w, 2, upstream], ['x', 'w', 'h', 'upstream']);
      const loss = (xi: number[]) => Matrix.mul(multiHeadAttention(x, w, { h: 2, headMask: xi }).output, upstream).sum();
      const eps = 1e-5;
      const numeric = [0, 1].map((i) => (loss(i === 0 ? [1 + eps, 1] : [1, 1 + eps]) - loss(i === 0 ? [1 - eps, 1] : [1, 1 - eps])) / (2 * eps));
      if (!Array.isArray(got)) fail('headMaskGradient should return an array of h numbers');
      expectNumbers(got, numeric, 'headMaskGradient against the finite difference', 1e-6);
    }),
    check('h = 1 and h = d_model', (mod) => {
      compare(mod, seeded(3, 4, 430), weights(4, 431), 1, seeded(3, 4, 435), 'h = 1');
      compare(mod, seeded(3, 4, 440), weights(4, 441), 4, seeded(3, 4, 445), 'h = d_model = 4');
    }),
    check('zero upstream gradient gives zero for every head', (mod) => {
      const got = compare(mod, seeded(2, 4, 450), weights(4, 451), 2, Matrix.zeros(2, 4), 'upstream = 0');
      if (got.some((g) => g !== 0 && Math.abs(g) > 1e-12)) fail(`expected zeros, got ${got.map(fmt).join(', ')}`);
    }),
    check('throws when h does not divide d_model', (mod) => expectThrows(mod, 'headMaskGradient', [seeded(2, 6, 460), weights(6, 461), 4, seeded(2, 6, 462)], 'h = 4 does not divide d_model = 6')),
  ],
};
