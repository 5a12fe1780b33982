/**
 * The example <flash-tiles> runs: n = 8 seeded queries, keys and values, walked tile by tile
 * by the course's onlineSoftmaxAttention (through onlineSoftmaxTrace), next to the exact
 * scaledDotProductAttention. Pure: no DOM.
 */
import type { Matrix } from 'ml-matrix';
import { mulberry32, onlineSoftmaxTrace, randomMatrix, scaledDotProductAttention, type OnlineSoftmaxStep } from '../../attention';

/** Size of the example: queries = keys = values = n; widths d_k and d_v. */
export const EXAMPLE = { n: 8, dK: 4, dV: 4, qStd: 1.5 } as const;

/** Number of tiles of `tileSize` keys over n keys (the last one may be shorter). */
export const tileCount = (tileSize: number, n: number = EXAMPLE.n) => Math.ceil(n / tileSize);

/** Everything the widget draws for one state. */
export interface FlashTilesModel {
  q: Matrix;
  k: Matrix;
  v: Matrix;
  /** One step per tile, from the online softmax. */
  steps: OnlineSoftmaxStep[];
  /** (n, d_v) the online softmax's final output. */
  online: Matrix;
  /** (n, d_v) scaledDotProductAttention's output: the reference. */
  exact: Matrix;
  /** (n, n) the full score matrix, for the picture of one row. */
  scores: Matrix;
}

/**
 * Seeded Q, K, V (queries a little larger than unit variance so the scores spread) and the
 * online softmax's steps over them.
 */
export function flashTilesModel({ seed, tileSize, causal }: { seed: number; tileSize: number; causal: boolean }): FlashTilesModel {
  const rng = mulberry32(seed);
  const q = randomMatrix(EXAMPLE.n, EXAMPLE.dK, rng, EXAMPLE.qStd);
  const k = randomMatrix(EXAMPLE.n, EXAMPLE.dK, rng);
  const v = randomMatrix(EXAMPLE.n, EXAMPLE.dV, rng);
  const { steps, output } = onlineSoftmaxTrace(q, k, v, { tileSize, causal });
  const reference = scaledDotProductAttention(q, k, v, { causal });
  return { q, k, v, steps, online: output, exact: reference.output, scores: reference.scores };
}
