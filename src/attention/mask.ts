import { Matrix } from 'ml-matrix';

/**
 * Additive causal mask for n queries over m keys: 0 where query i may see key j (j ≤ i),
 * −∞ where it may not (j > i). Add it to the scores before the softmax. The decoder's
 * self-attention of Vaswani et al. (2017, §3.2.3) masks this way, so that no position
 * can read the tokens it is being trained to predict.
 *
 * @returns a new (n, m) matrix (m defaults to n).
 */
export function causalMask(n: number, m = n): Matrix {
  const mask = Matrix.zeros(n, m);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < m; j++) mask.set(i, j, -Infinity);
  return mask;
}

/**
 * Scores with every future key (j > i) replaced by −∞; the input is not modified.
 *
 * @param scores (n, m) query × key scores.
 */
export function applyCausalMask(scores: Matrix): Matrix {
  return Matrix.add(scores, causalMask(scores.rows, scores.columns)); // −∞ + s = −∞
}

/**
 * Additive key-padding mask for a batch of sequences padded to a common length n: row b
 * is 0 over the lengths[b] real tokens of sequence b and −∞ over its padding, so added to
 * every query row of that sequence's scores it hides the padding keys from every query.
 * (PyTorch's `key_padding_mask` is the same information as booleans.)
 *
 * @param lengths real length of each sequence, each a whole number from 0 to n.
 * @param n the padded length: the number of keys.
 * @returns a new (B, n) matrix, B = lengths.length.
 * @throws RangeError when n is not a positive whole number or a length is outside 0 … n.
 */
export function paddingMask(lengths: readonly number[], n: number): Matrix {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the padded length n must be a positive whole number, got ${n}`);
  const mask = Matrix.zeros(lengths.length, n);
  lengths.forEach((length, b) => {
    if (!Number.isInteger(length) || length < 0 || length > n) {
      throw new RangeError(`sequence ${b} has length ${length}, but a length must be a whole number from 0 to the padded length ${n}; pad the batch to the longest sequence`);
    }
    for (let j = length; j < n; j++) mask.set(b, j, -Infinity);
  });
  return mask;
}

/**
 * One sequence's scores with its padding keys (columns j ≥ length) replaced by −∞; the
 * input is not modified. Padding query rows are left as they are: their outputs are
 * computed and then ignored (left out of the loss and of what is read).
 *
 * @param scores (n, m) query × key scores of one sequence padded to m keys.
 * @param length how many of the m keys are real tokens, 0 … m.
 */
export function applyPaddingMask(scores: Matrix, length: number): Matrix {
  const row = paddingMask([length], scores.columns).getRow(0); // (m): 0 on real keys, −∞ on padding
  return scores.clone().addRowVector(row); // (n, m) + (m) on every row → (n, m)
}
