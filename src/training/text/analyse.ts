/**
 * One text through the text model, for a page: the loss on every character, the model's
 * top guesses, every head's map and every head's detector scores, under a head mask. One
 * sequence of up to 64 characters is one small forward pass (tests/bench/text-model.ts
 * times it), so switching a head off simply runs the model again.
 */
import { log } from '../../attention';
import { softmaxInPlace } from '../engine';
import { forward, fullMask, type HeadMask, type ModelConfig } from '../model';
import type { ModelParams } from '../params';
import { decode, encode } from './corpus';
import { headMap, previousTokenScore, type AttentionRows, type Detector } from './scores';

/**
 * Induction score on any text: for each query i whose token occurred before (at some
 * j < i), the weight it puts on the positions j + 1 just after those occurrences, summed;
 * the mean over such queries (0 when no token repeats). On a repeated random sequence
 * whose first copy has no repeated token, this equals `inductionScore` (./scores.ts).
 */
export function inductionScoreByTokens(a: AttentionRows, tokens: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (let i = 1; i < tokens.length; i++) {
    let w = 0;
    let seen = false;
    for (let j = 0; j < i; j++) {
      if (tokens[j] !== tokens[i]) continue;
      seen = true;
      w += a[i][j + 1];
    }
    if (seen) {
      sum += w;
      count++;
    }
  }
  return count ? sum / count : 0;
}

/** Shortest span that counts as repeated by {@link repeatedTargets}. */
export const REPEAT_SPAN = 3;

/**
 * Which predictions fall inside a repeated span: entry i (the prediction of token i + 1, as
 * in `TextAnalysis.losses`) is true when the `span` tokens ending at token i + 1 already
 * occurred, in that order, earlier in the text. Those are the characters an induction head
 * can copy: the span's start has been seen before, followed by what comes next.
 */
export function repeatedTargets(tokens: readonly number[], span = REPEAT_SPAN): boolean[] {
  if (!Number.isInteger(span) || span < 1) throw new RangeError(`the span must be a whole number ≥ 1, got ${span}`);
  const seen = new Set<string>();
  const out: boolean[] = [];
  for (let t = 1; t < tokens.length; t++) {
    if (t + 1 < span) { out.push(false); continue; }
    const key = tokens.slice(t + 1 - span, t + 1).join(',');
    out.push(seen.has(key));
    // Spans that end at t become visible to later positions only: add after testing.
    seen.add(key);
  }
  return out;
}

/**
 * The `k` most probable tokens, most probable first (ties: the lower token first), by one pass
 * that keeps a short sorted list: the same order as sorting all of them, without the sort.
 */
export function topTokens(probs: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let t = 0; t < probs.length; t++) {
    let at = best.length;
    while (at > 0 && probs[best[at - 1]] < probs[t]) at--; // equal: the earlier (lower) token stays ahead
    if (at < k) {
      best.splice(at, 0, t);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** A guess of the model: a character and its probability. */
export interface Guess {
  char: string;
  p: number;
}

/** What {@link analyseText} returns. */
export interface TextAnalysis {
  text: string;
  tokens: number[];
  /** losses[i]: −log p(token i + 1 | tokens 0 … i), nats; n − 1 entries. */
  losses: number[];
  /** Mean of `losses`. */
  meanLoss: number;
  /** guesses[i]: the `top` most likely next characters after position i, most likely first. */
  guesses: Guess[][];
  /** maps[layer][head]: that head's (n, n) attention map. */
  maps: AttentionRows[][];
  /** scores[name][layer][head] for every detector given. */
  scores: Record<string, number[][]>;
}

/** The course's detectors, by name. */
export const TEXT_DETECTORS: Record<string, Detector> = {
  previousToken: (a) => previousTokenScore(a),
  induction: inductionScoreByTokens,
};

/**
 * Run the text model on `text` (2 … seqLen characters of its alphabet) under a head mask
 * and measure everything a page shows.
 *
 * @throws RangeError naming what is wrong: characters outside the alphabet, a text that
 *   is too short or too long.
 */
export function analyseText(p: ModelParams, c: ModelConfig, text: string, o: { mask?: HeadMask; top?: number; detectors?: Record<string, Detector> } = {}): TextAnalysis {
  const tokens = encode(text);
  if (tokens.length < 2) throw new RangeError(`type at least 2 characters (the model predicts each one from those before it), got ${tokens.length}`);
  if (tokens.length > c.seqLen) throw new RangeError(`the model reads at most ${c.seqLen} characters; this text has ${tokens.length}`);
  const { mask = fullMask(c), top = 3, detectors = TEXT_DETECTORS } = o;
  const f = forward(p, c, [tokens], mask);
  const n = tokens.length;
  const V = c.vocab;
  const losses: number[] = [];
  const guesses: Guess[][] = [];
  const probs = new Float64Array(V);
  for (let i = 0; i < n; i++) {
    probs.set(f.logits.subarray(i * V, (i + 1) * V));
    softmaxInPlace(probs, 0, V);
    if (i < n - 1) losses.push(-log(probs[tokens[i + 1]])); // the course's log: the same bits in Node and in the page
    guesses.push(topTokens(probs, top).map((t) => ({ char: decode([t]), p: probs[t] })));
  }
  const maps = f.layers.map((_, l) => Array.from({ length: c.h }, (_, h) => headMap(f, l, h, 0)));
  const scores = Object.fromEntries(Object.entries(detectors).map(([name, d]) => [name, maps.map((row) => row.map((a) => d(a, tokens)))]));
  return { text: decode(tokens), tokens, losses, meanLoss: losses.reduce((s, v) => s + v, 0) / losses.length, guesses, maps, scores };
}
