import { generalParameterCount } from '../../attention';
import type { GeneralLayerSize } from '../../attention';
import { callReader, check, expectNumber, expectThrows } from './checks';
import type { CodingExercise, ReaderModule } from './types';

/** Run the reader's generalParameterCount on `size` and compare with the course's, exactly. */
function compare(mod: ReaderModule, size: GeneralLayerSize): void {
  const got = callReader(mod, 'generalParameterCount', [size], ['size']);
  expectNumber(got, generalParameterCount(size), `generalParameterCount(${JSON.stringify(size)})`);
}

export const generalParameterCountExercise: CodingExercise = {
  id: 'general-parameter-count',
  lesson: '04-counting-parameters-and-cost',
  title: 'Parameters when h·d_k is not d_model',
  task:
    'Write generalParameterCount: the number of parameters of one multi-head attention layer with h heads of width d_k for queries and keys and d_v for values (d_v defaults to d_k), ' +
    'with the four bias vectors unless bias is false (default true). Nothing forces h·d_k = d_model here. Throw an error when a size is not a positive whole number.',
  exports: ['generalParameterCount'],
  course: { generalParameterCount },
  starter: `/** Parameters of one attention layer: W_Q, W_K, W_V, W_O and (unless bias is false) their biases. */
export function generalParameterCount({ dModel, h, dK, dV = dK, bias = true }: {
  dModel: number; h: number; dK: number; dV?: number; bias?: boolean;
}): number {
  // TODO: the shape of each of W_Q, W_K, W_V, W_O, and the length of each bias
  return 4 * dModel * dModel;
}
`,
  hints: [
    'Write down the shapes: X is (n, d_model); Q = X·W_Q must have h·d_k columns, so W_Q is d_model × h·d_k. Likewise W_K; W_V is d_model × h·d_v.',
    'W_O maps the concatenated heads, h·d_v columns, back to d_model: it is (h·d_v) × d_model.',
    'Each bias is as long as its projection\'s output: h·d_k, h·d_k, h·d_v and d_model.',
    'Check: with h·d_k = h·d_v = d_model the total must be 4·d_model² + 4·d_model, whatever h is.',
  ],
  solution: ['src/attention/counts.ts#generalParameterCount'],
  checks: [
    check('the convention h·d_k = d_model gives 4·d_model² + 4·d_model (d_model 512, h 8, d_k 64)', (mod) => compare(mod, { dModel: 512, h: 8, dK: 64 })),
    check('h·d_k ≠ d_model: d_model 1024, h 32, d_k = d_v = 128, no biases (T5 3B\'s layer shape)', (mod) => compare(mod, { dModel: 1024, h: 32, dK: 128, bias: false })),
    check('d_v ≠ d_k, with biases (d_model 10, h 3, d_k 4, d_v 7)', (mod) => compare(mod, { dModel: 10, h: 3, dK: 4, dV: 7 })),
    check('one head of width 1 (d_model 5, h 1, d_k 1, d_v 2, no biases)', (mod) => compare(mod, { dModel: 5, h: 1, dK: 1, dV: 2, bias: false })),
    check('throws for h = 0 and for d_k = 2.5', (mod) => {
      expectThrows(mod, 'generalParameterCount', [{ dModel: 8, h: 0, dK: 4 }], 'h = 0');
      expectThrows(mod, 'generalParameterCount', [{ dModel: 8, h: 2, dK: 2.5 }], 'd_k = 2.5');
    }),
  ],
};
