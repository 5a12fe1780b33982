import { mulberry32 } from '../attention';
import { crossEntropy } from './engine';
import { backward, forward, fullMask, type HeadMask, type ModelConfig } from './model';
import type { ModelParams } from './params';
import type { Example } from './tasks';
import { evaluate, type Evaluation } from './train';

/** A head's place in the model. */
export interface HeadId {
  layer: number;
  head: number;
}

/** Every head of a configuration, layer by layer. */
export function allHeads(c: Pick<ModelConfig, 'layers' | 'h'>): HeadId[] {
  return Array.from({ length: c.layers }, (_, layer) => Array.from({ length: c.h }, (_, head) => ({ layer, head }))).flat();
}

/**
 * Dynamic head selection: only the first k heads of every layer on, the rest off (like a
 * layer asked to run with `num_active_heads = k`). k = h is the full model.
 */
export function firstHeads(c: Pick<ModelConfig, 'layers' | 'h'>, k: number): HeadMask {
  if (!Number.isInteger(k) || k < 0 || k > c.h) throw new RangeError(`k must be a whole number from 0 to h (${c.h}), got ${k}`);
  return Array.from({ length: c.layers }, () => Array.from({ length: c.h }, (_, head) => (head < k ? 1 : 0)));
}

/** A copy of `mask` with the given heads set to `value`. */
export function withHeads(mask: HeadMask, heads: readonly HeadId[], value: number): HeadMask {
  const out = mask.map((row) => [...row]);
  for (const { layer, head } of heads) out[layer][head] = value;
  return out;
}

/**
 * Head importance after Michel et al. (2019, §4.1): I_h = E_x |∂L(x)/∂ξ_h|, the mean over
 * examples of the absolute gradient of each example's loss with respect to the head's
 * mask variable, then divided by the ℓ2 norm of its layer's scores. Heads already
 * masked out score 0.
 *
 * @returns importance[layer][head]
 */
export function headImportance(p: ModelParams, c: ModelConfig, examples: readonly Example[], mask: HeadMask = fullMask(c)): number[][] {
  const sums = mask.map((row) => row.map(() => 0));
  for (const ex of examples) {
    const f = forward(p, c, [ex.tokens], mask);
    const { dLogits } = crossEntropy(f.logits, c.vocab, ex.targets);
    const g = backward(p, c, f, dLogits).headMask;
    g.forEach((row, l) => row.forEach((v, h) => (sums[l][h] += Math.abs(v))));
  }
  return sums.map((row, l) => {
    const mean = row.map((s, h) => (mask[l][h] === 0 ? 0 : s / examples.length));
    const norm = Math.hypot(...mean);
    return mean.map((v) => (norm > 0 ? v / norm : 0));
  });
}

/** Accuracy and loss with each head removed in turn (ξ = 0 for that head only). */
export function ablateEach(p: ModelParams, c: ModelConfig, examples: readonly Example[]): (HeadId & Evaluation)[] {
  return allHeads(c).map((id) => ({ ...id, ...evaluate(p, c, examples, withHeads(fullMask(c), [id], 0)) }));
}

/** Accuracy when a layer keeps only one head (the other layers keep all theirs). */
export function keepOnePerLayer(p: ModelParams, c: ModelConfig, examples: readonly Example[]): (HeadId & Evaluation)[] {
  return allHeads(c).map((id) => {
    const others = allHeads(c).filter((o) => o.layer === id.layer && o.head !== id.head);
    return { ...id, ...evaluate(p, c, examples, withHeads(fullMask(c), others, 0)) };
  });
}

/** One point of a pruning curve. */
export interface PruningPoint {
  /** Fraction of all heads removed, in [0, 1]. */
  pruned: number;
  accuracy: number;
  loss: number;
  /** The head removed to reach this point (none at 0). */
  removed?: HeadId;
}

/**
 * Remove heads one at a time until none is left, and evaluate after each removal.
 * "importance": each time, remove the least important remaining head, re-scoring the
 * importance under the current mask (Michel et al. 2019, §4.2, one head per step).
 * "random": remove heads in a seeded random order.
 */
export function pruningCurve(
  p: ModelParams, c: ModelConfig, evalSet: readonly Example[],
  order: { by: 'importance'; scoreSet: readonly Example[] } | { by: 'random'; seed: number },
): PruningPoint[] {
  const total = c.layers * c.h;
  let mask = fullMask(c);
  const points: PruningPoint[] = [{ pruned: 0, ...evaluate(p, c, evalSet, mask) }];
  let randomOrder: HeadId[] = [];
  if (order.by === 'random') {
    const rng = mulberry32(order.seed);
    randomOrder = allHeads(c)
      .map((id) => ({ id, key: rng() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.id);
  }
  for (let k = 1; k <= total; k++) {
    let next: HeadId;
    if (order.by === 'random') {
      next = randomOrder[k - 1];
    } else {
      const scores = headImportance(p, c, order.scoreSet, mask);
      const alive = allHeads(c).filter(({ layer, head }) => mask[layer][head] !== 0);
      next = alive.reduce((best, id) => (scores[id.layer][id.head] < scores[best.layer][best.head] ? id : best));
    }
    mask = withHeads(mask, [next], 0);
    points.push({ pruned: k / total, ...evaluate(p, c, evalSet, mask), removed: next });
  }
  return points;
}
