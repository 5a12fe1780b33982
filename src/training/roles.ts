/**
 * What a head looks at, as numbers: role scores of causal attention maps (how much
 * weight goes to the previous token, to the first token, how spread out it is) and the
 * keys each query attends to most. Pure: no DOM.
 *
 * Which queries are scored: every query i ≥ 1 of an (n, n) causal map. Query 0 is left
 * out of every score because it has no choice: the causal mask leaves it one key (itself),
 * so its row is always [1, 0, …, 0]. At query 1 the previous token *is* the first token
 * (key 0), so that row counts towards both scores; from query 2 on they are different keys.
 */
import type { Matrix } from 'ml-matrix';
import { attentionRow } from './engine';
import { forward, type ForwardResult, type HeadMask, type ModelConfig } from './model';
import type { ModelParams } from './params';

/** An attention map: (n, n) rows of weights, query i over keys 0 … n−1. */
export type AttentionMap = Matrix | readonly (ArrayLike<number>)[];

/** A head's role scores: each a mean over the scored queries i = 1 … n−1. */
export interface RoleScores {
  /** Mean weight on the previous token, w[i][i−1]. In [0, 1]. */
  previous: number;
  /** Mean weight on the first token, w[i][0]. In [0, 1]. */
  first: number;
  /** Mean entropy of a query's weights, −Σⱼ w log w, in nats: 0 when it looks at one key. */
  entropy: number;
  /**
   * Mean of each query's entropy divided by ln(i + 1), the entropy of the uniform
   * weights over its i + 1 visible keys: 0 = one key, 1 = spread evenly over all it may see.
   */
  normalizedEntropy: number;
}

/** The names of the role scores, in the order tables show them. */
export const ROLE_NAMES = ['previous', 'first', 'entropy', 'normalizedEntropy'] as const satisfies readonly (keyof RoleScores)[];

/** Weights below this above the diagonal count as zero (float rounding). */
const CAUSAL_TOLERANCE = 1e-9;

function rowsOf(weights: AttentionMap): readonly ArrayLike<number>[] {
  return Array.isArray(weights) ? weights : (weights as Matrix).to2DArray();
}

/** Check an attention map: square, n ≥ 2, causal (nothing above the diagonal). */
function checkMap(w: readonly ArrayLike<number>[]): number {
  const n = w.length;
  if (n < 2) throw new RangeError(`an attention map needs at least 2 queries to have roles, got ${n}: query 0 can only look at itself`);
  for (let i = 0; i < n; i++) {
    if (w[i].length !== n) throw new RangeError(`an attention map must be square (n × n): row ${i} has ${w[i].length} weights for ${n} queries`);
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(w[i][j]) > CAUSAL_TOLERANCE) throw new RangeError(`the map is not causal: query ${i} puts ${w[i][j]} on the later key ${j}; role scores assume each query sees only keys 0 … i`);
    }
  }
  return n;
}

/**
 * Entropy in nats of the first `count` weights of a row, −Σ w·ln w (0·ln 0 = 0).
 * A row that puts everything on one key has entropy 0; uniform over k keys, ln k.
 */
export function entropy(row: ArrayLike<number>, count = row.length): number {
  let e = 0;
  for (let j = 0; j < count; j++) {
    const w = row[j];
    if (w > 0) e -= w * Math.log(w);
  }
  return e;
}

/**
 * Role scores of one causal attention map: means over queries i = 1 … n−1 (see the
 * module comment for why query 0 is left out).
 *
 * @param weights (n, n) causal attention weights, rows summing to 1; not modified.
 * @throws RangeError when the map is not square, has fewer than 2 rows, or is not causal.
 */
export function roleScores(weights: AttentionMap): RoleScores {
  const w = rowsOf(weights);
  const n = checkMap(w);
  let previous = 0;
  let first = 0;
  let ent = 0;
  let normalized = 0;
  for (let i = 1; i < n; i++) {
    previous += w[i][i - 1];
    first += w[i][0];
    const e = entropy(w[i], i + 1); // keys 0 … i are visible
    ent += e;
    normalized += e / Math.log(i + 1);
  }
  const m = n - 1;
  return { previous: previous / m, first: first / m, entropy: ent / m, normalizedEntropy: normalized / m };
}

/** One attended key of a query: its position and the weight on it. */
export interface AttendedKey {
  key: number;
  weight: number;
}

/**
 * The `k` keys each query attends to most, heaviest first (ties: the earlier key
 * first). Query i has only i + 1 visible keys, so it lists at most that many.
 *
 * @param weights (n, n) causal attention weights; not modified.
 * @returns one list per query, in query order.
 */
export function topKeys(weights: AttentionMap, k = 3): AttendedKey[][] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  return rowsOf(weights).map((row, i) => topKeysOfRow(row, i, k));
}

/** The `k` keys query `i` attends to most, from its row of weights (keys 0 … i); see {@link topKeys}. */
export function topKeysOfRow(row: ArrayLike<number>, i: number, k = 3): AttendedKey[] {
  const visible = Array.from({ length: Math.min(i + 1, row.length) }, (_, key) => ({ key, weight: row[key] }));
  return visible.sort((a, b) => b.weight - a.weight || a.key - b.key).slice(0, k);
}

/** The mean of several role scores (say, one per held-out sequence). */
export function meanRoleScores(scores: readonly RoleScores[]): RoleScores {
  if (scores.length === 0) throw new RangeError('no role scores to average: give at least one');
  const sum: RoleScores = { previous: 0, first: 0, entropy: 0, normalizedEntropy: 0 };
  for (const s of scores) for (const name of ROLE_NAMES) sum[name] += s[name];
  for (const name of ROLE_NAMES) sum[name] /= scores.length;
  return sum;
}

/**
 * Mean weight each key position receives, over queries i = 1 … n−1: profile[j] is the
 * average of w[i][j]. It sums to 1, and shows where a head looks by position (a head
 * whose weight sits on keys 0 and 1 has most of its profile there).
 *
 * @param weights (n, n) causal attention weights; not modified.
 */
export function keyProfile(weights: AttentionMap): number[] {
  const w = rowsOf(weights);
  const n = checkMap(w);
  const profile = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) for (let j = 0; j <= i; j++) profile[j] += w[i][j] / (n - 1);
  return profile;
}

/**
 * Score every head of every layer of a forward pass with `score`, per sequence (the
 * batch's sequences are scored one by one). Returns scores[layer][head][sequence].
 */
function perSequence<T>(f: ForwardResult, score: (map: Float64Array[]) => T): T[][][] {
  return f.layers.map((layer, l) => Array.from({ length: layer.attention.shape.h }, (_, head) =>
    Array.from({ length: f.sequences }, (_, b) => score(attentionMaps(f, l, head, b)))));
}

/** One head's (n, n) attention map for one sequence of a forward pass, as row views. */
export function attentionMaps(f: ForwardResult, layer: number, head: number, sequence = 0): Float64Array[] {
  const cache = f.layers[layer].attention;
  return Array.from({ length: f.n }, (_, i) => attentionRow(cache, sequence, head, i));
}

/**
 * Role scores of every head of every layer, averaged over the sequences of a forward
 * pass (each sequence's (n, n) map is scored on its own): scores[layer][head].
 */
export function headRoles(f: ForwardResult): RoleScores[][] {
  return perSequence(f, roleScores).map((layer) => layer.map(meanRoleScores));
}

/** Key-position profiles ({@link keyProfile}) of every head, averaged over the sequences of a forward pass: [layer][head][key]. */
export function headKeyProfiles(f: ForwardResult): number[][][] {
  return perSequence(f, keyProfile).map((layer) => layer.map((profiles) =>
    profiles[0].map((_, j) => profiles.reduce((sum, p) => sum + p[j], 0) / profiles.length)));
}

/**
 * Run the model on some sequences (all of one length) and score every head:
 * scores[layer][head], averaged over the sequences.
 */
export function sequenceRoles(p: ModelParams, c: ModelConfig, sequences: readonly (readonly number[])[], mask?: HeadMask): RoleScores[][] {
  return headRoles(forward(p, c, sequences, mask));
}
