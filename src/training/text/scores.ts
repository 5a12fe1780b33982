/**
 * Detectors: one number per head, read off its attention map. A map is a list of rows,
 * row i holding query i's weights over keys 0 … n − 1 (0 on keys a causal head cannot
 * see). Each detector is a plain mean of chosen entries, so a score of 1 means the head
 * puts all its weight where the detector looks, and a head that spreads its weight
 * evenly over i + 1 keys scores about 1/(i + 1).
 */
import type { ForwardResult } from '../engine';

/** An (n, n) attention map, row i = query i; rows may be views into a larger array. */
export type AttentionRows = readonly ArrayLike<number>[];

/**
 * Previous-token score: the mean, over queries i = 1 … n − 1, of the weight on key i − 1.
 *
 * @throws RangeError for a map of fewer than 2 rows (there is no previous token).
 */
export function previousTokenScore(a: AttentionRows): number {
  const n = a.length;
  if (n < 2) throw new RangeError(`a previous-token score needs at least 2 positions, got ${n}`);
  let sum = 0;
  for (let i = 1; i < n; i++) sum += a[i][i - 1];
  return sum / (n - 1);
}

/**
 * Induction score on a sequence made of `period` tokens followed by the same tokens again
 * (Olsson et al. 2022's repeated random tokens): the mean, over queries i in the second
 * copy (period … 2·period − 1), of the weight on key i − period + 1, the position just after
 * the current token's occurrence in the first copy. That is where a head that does
 * "[A][B] … [A] → look at [B]" puts its weight.
 *
 * @throws RangeError when the map is shorter than two copies.
 */
export function inductionScore(a: AttentionRows, period: number): number {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`the period must be a positive whole number, got ${period}`);
  if (a.length < 2 * period) throw new RangeError(`an induction score with period ${period} needs ${2 * period} positions, got ${a.length}`);
  let sum = 0;
  for (let i = period; i < 2 * period; i++) sum += a[i][i - period + 1];
  return sum / period;
}

/** A detector: a head's map (and the tokens it read) → a score. */
export type Detector = (a: AttentionRows, tokens: readonly number[]) => number;

/** Head h's map for sequence s of a forward pass through layer l: n row views, no copy. */
export function headMap(f: ForwardResult, layer: number, head: number, sequence: number): AttentionRows {
  const { weights, shape } = f.layers[layer].attention;
  const { n, h } = shape;
  const start = (sequence * h + head) * n * n;
  return Array.from({ length: n }, (_, i) => weights.subarray(start + i * n, start + (i + 1) * n));
}

/**
 * Every head's score under a detector, averaged over the sequences of a forward pass:
 * number[layer][head].
 */
export function headScores(f: ForwardResult, detector: Detector): number[][] {
  const n = f.n;
  return f.layers.map((layer, l) => Array.from({ length: layer.attention.shape.h }, (_, hd) => {
    let sum = 0;
    for (let s = 0; s < f.sequences; s++) sum += detector(headMap(f, l, hd, s), f.tokens.slice(s * n, (s + 1) * n));
    return sum / f.sequences;
  }));
}

/**
 * Mean of per-batch scores weighted by the batches' sizes: scores of several forward
 * passes (the evaluation runs in chunks) combined into one number[layer][head].
 */
export function poolScores(parts: readonly { scores: number[][]; count: number }[]): number[][] {
  const total = parts.reduce((s, p) => s + p.count, 0);
  if (total === 0) throw new RangeError('no sequences to pool scores over');
  return parts[0].scores.map((row, l) => row.map((_, h) => parts.reduce((s, p) => s + p.scores[l][h] * p.count, 0) / total));
}
