import { Matrix } from 'ml-matrix';
import { exp, log, zeros } from '../attention';

/** Mean cross-entropy over the scored positions, and its gradient. */
export interface LossResult {
  loss: number;
  /** (n, vocab) ∂loss/∂logits. */
  dLogits: Matrix;
  /** How many scored positions the argmax got right. */
  correct: number;
  /** How many positions were scored. */
  count: number;
}

/**
 * Softmax cross-entropy of next-token logits against targets. A target of -1 means
 * "not scored" (say, the first position, which has no previous token). The loss is the
 * mean over scored positions, divided further by `batch` so gradients can be summed
 * over a batch.
 */
export function crossEntropy(logits: Matrix, targets: readonly number[], batch = 1): LossResult {
  if (targets.length !== logits.rows) throw new RangeError(`${targets.length} targets for ${logits.rows} positions`);
  const count = targets.filter((t) => t >= 0).length;
  const dLogits = zeros(logits.rows, logits.columns);
  if (count === 0) return { loss: 0, dLogits, correct: 0, count: 0 };
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < logits.rows; i++) {
    const t = targets[i];
    if (t < 0) continue;
    const row = logits.getRow(i);
    const max = Math.max(...row);
    const exps = row.map((v) => exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    loss += -(row[t] - max - log(sum));
    if (row.indexOf(max) === t) correct++;
    exps.forEach((e, j) => dLogits.set(i, j, (e / sum - (j === t ? 1 : 0)) / (count * batch)));
  }
  return { loss: loss / count, dLogits, correct, count };
}
