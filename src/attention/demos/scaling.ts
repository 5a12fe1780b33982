import { Matrix } from 'ml-matrix';
import { gaussian, mulberry32 } from '../random';
import { randomMatrix } from '../randomMatrix';
import { softmaxRows } from '../softmax';

/** One row of the √d_k experiment. */
export interface ScalingRow {
  dK: number;
  /** Sample variance of q·k for q, k with independent N(0, 1) components (theory: d_k). */
  variance: number;
  /** Sample variance of q·k / √d_k (theory: 1). */
  scaledVariance: number;
  /** Mean over queries of the largest softmax weight over nKeys keys, unscaled scores. */
  peakUnscaled: number;
  /** The same with scores divided by √d_k. */
  peakScaled: number;
}

/** Options for {@link scalingExperiment}. */
export interface ScalingOptions {
  /** Head widths to try. */
  dKs: readonly number[];
  /** Random (q, k) pairs per d_k for the variance. Default 4000. */
  samples?: number;
  /** Keys each query attends over for the peak weight. Default 10. */
  nKeys?: number;
  /** Queries per d_k for the peak weight. Default 400. */
  queries?: number;
  /** Seed of the random draws. Default 1. */
  seed?: number;
}

/**
 * The seeded experiment behind footnote 4 of Vaswani et al. (2017): with q and k of
 * independent mean-0 variance-1 components, q·k has variance d_k, so unscaled scores
 * spread out as d_k grows and the softmax turns nearly one-hot; dividing by √d_k keeps
 * the variance at 1 and the weights spread.
 */
export function scalingExperiment({ dKs, samples = 4000, nKeys = 10, queries = 400, seed = 1 }: ScalingOptions): ScalingRow[] {
  return dKs.map((dK) => {
    const rng = mulberry32(seed * 1000003 + dK);
    const dots: number[] = [];
    for (let s = 0; s < samples; s++) {
      let dot = 0;
      for (let c = 0; c < dK; c++) dot += gaussian(rng) * gaussian(rng);
      dots.push(dot);
    }
    const variance = sampleVariance(dots);
    const q = randomMatrix(queries, dK, rng);
    const k = randomMatrix(nKeys, dK, rng);
    const scores = q.mmul(k.transpose()); // (queries, dK)·(dK, nKeys) → (queries, nKeys)
    return {
      dK,
      variance,
      scaledVariance: variance / dK,
      peakUnscaled: meanRowMax(softmaxRows(scores)),
      peakScaled: meanRowMax(softmaxRows(Matrix.div(scores, Math.sqrt(dK)))),
    };
  });
}

function sampleVariance(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
}

function meanRowMax(m: Matrix): number {
  let total = 0;
  for (let i = 0; i < m.rows; i++) total += m.maxRow(i);
  return total / m.rows;
}
