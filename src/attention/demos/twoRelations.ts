import { Matrix } from 'ml-matrix';
import { multiHeadAttention, type MhaTrace, type MhaWeights } from '../multiHead';

/**
 * A constructed task where every output needs two different positions at once: for the
 * token at position i, return the token just before it (i − 1) and the first token
 * (position 0), each in its own block of the output. Two heads can split the work; one
 * head has a single softmax row per query and must share its weight between the two.
 *
 * Inputs are one-hot: x_i = [token of i | position of i | zeros], width d_model = 24.
 */

/** The letters the task uses, one one-hot dimension each. */
export const TWO_RELATIONS_LETTERS = 'abcdef';
/** Longest sequence: one one-hot dimension per position. */
export const TWO_RELATIONS_MAX_N = 10;
/** Model width: 6 token dims + 10 position dims + 8 zeros, so that h = 2 gives d_k = 12. */
export const TWO_RELATIONS_D_MODEL = 24;

const M = TWO_RELATIONS_LETTERS.length;
const POS = M; // first position dimension
const D = TWO_RELATIONS_D_MODEL;

/** One-hot inputs for a sequence of letters from TWO_RELATIONS_LETTERS: (n, 24). */
export function twoRelationsInput(tokens: readonly string[]): Matrix {
  if (tokens.length < 1 || tokens.length > TWO_RELATIONS_MAX_N) {
    throw new RangeError(`the sequence has ${tokens.length} tokens; use 1 to ${TWO_RELATIONS_MAX_N}`);
  }
  const x = new Matrix(tokens.length, D);
  tokens.forEach((token, i) => {
    const t = TWO_RELATIONS_LETTERS.indexOf(token);
    if (t < 0 || token.length !== 1) throw new RangeError(`“${token}” is not one of the letters ${TWO_RELATIONS_LETTERS.split('').join(', ')}`);
    x.set(i, t, 1);
    x.set(i, POS + i, 1);
  });
  return x;
}

/**
 * The target: row i is [one-hot of token i−1 | one-hot of token 0 | zeros] (position 0
 * has no previous token; its own token stands in). Shape (n, 24).
 */
export function twoRelationsTarget(tokens: readonly string[]): Matrix {
  const y = new Matrix(tokens.length, D);
  const first = TWO_RELATIONS_LETTERS.indexOf(tokens[0]);
  tokens.forEach((_, i) => {
    y.set(i, TWO_RELATIONS_LETTERS.indexOf(tokens[Math.max(0, i - 1)]), 1);
    y.set(i, M + first, 1);
  });
  return y;
}

/**
 * Hand-set weights for h = 2. Head 1 (columns 0–11): the query of position i is
 * β·e(i−1) and the key of position j is e(j), so the score is β when j = i − 1.
 * Head 2 (columns 12–23): every query is β·e(0), so the score is β when j = 0.
 * Both heads copy the token as their value; W_O sends head 1 to output block 0–5 and
 * head 2 to block 6–11.
 *
 * @param beta sharpness: the scaled score (after ÷√d_k) of the wanted position; others get 0.
 */
export function twoHeadWeights(beta: number): MhaWeights {
  const [wq, wk, wv, wo] = [0, 0, 0, 0].map(() => Matrix.zeros(D, D));
  beta *= Math.sqrt(D / 2); // undo the ÷√d_k (d_k = 12) so β is the gap the softmax sees
  for (let p = 0; p < TWO_RELATIONS_MAX_N; p++) {
    if (p >= 1) wq.set(POS + p, p - 1, beta); // head 1: previous position
    wq.set(POS + p, 12, beta); // head 2: position 0, whatever p is
    wk.set(POS + p, p, 1); // head 1 keys: own position
    wk.set(POS + p, 12 + p, 1); // head 2 keys: own position
  }
  for (let t = 0; t < M; t++) {
    wv.set(t, t, 1); // head 1 value: the token
    wv.set(t, 12 + t, 1); // head 2 value: the token
    wo.set(t, t, 1); // head 1 → output block 1
    wo.set(12 + t, M + t, 1); // head 2 → output block 2
  }
  return { wq, wk, wv, wo };
}

/**
 * Hand-set weights for h = 1, same width and the same four d_model×d_model matrices:
 * the one query asks for both positions at once (score β for j = i − 1 and β for j = 0),
 * the value is the token, and W_O copies the blend into both output blocks.
 *
 * @param beta the scaled score of each of the two wanted positions; others get 0.
 */
export function oneHeadWeights(beta: number): MhaWeights {
  const [wq, wk, wv, wo] = [0, 0, 0, 0].map(() => Matrix.zeros(D, D));
  beta *= Math.sqrt(D); // undo the ÷√d_k (d_k = 24)
  for (let p = 0; p < TWO_RELATIONS_MAX_N; p++) {
    if (p >= 1) wq.set(POS + p, p - 1, beta);
    wq.set(POS + p, 0, wq.get(POS + p, 0) + beta);
    wk.set(POS + p, p, 1);
  }
  for (let t = 0; t < M; t++) {
    wv.set(t, t, 1);
    wo.set(t, t, 1);
    wo.set(t, M + t, 1);
  }
  return { wq, wk, wv, wo };
}

/** Both models on one sequence, and how far each output row is from the target. */
export interface TwoRelationsResult {
  target: Matrix;
  one: MhaTrace;
  two: MhaTrace;
  /** Euclidean distance of each output row to its target row, h = 1. */
  distanceOne: number[];
  /** The same for h = 2. */
  distanceTwo: number[];
}

/**
 * Run one head and two heads (causal, same d_model) on a letter sequence.
 *
 * @param beta sharpness of the hand-set scores (0 = uniform attention).
 */
export function compareOneAndTwoHeads(tokens: readonly string[], beta: number): TwoRelationsResult {
  const x = twoRelationsInput(tokens);
  const target = twoRelationsTarget(tokens);
  const one = multiHeadAttention(x, oneHeadWeights(beta), { h: 1, causal: true });
  const two = multiHeadAttention(x, twoHeadWeights(beta), { h: 2, causal: true });
  const distances = (out: Matrix) => out.to2DArray().map((row, i) => Math.hypot(...row.map((v, c) => v - target.get(i, c))));
  return { target, one, two, distanceOne: distances(one.output), distanceTwo: distances(two.output) };
}
