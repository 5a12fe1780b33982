/**
 * Lesson 5's demonstration: two heads of real multi-head attention whose signals cancel
 * under averaging but survive concatenation. Built on the merges of ../merge.ts.
 */
import { Matrix } from 'ml-matrix';
import { embedTokens } from './example';
import { headDim } from '../heads';
import { mergeBy, type MergeKind, type MergeParams } from '../merge';
import { multiHeadAttention, type MhaTrace } from '../multiHead';
import { mulberry32 } from '../random';
import { randomMatrix } from '../randomMatrix';
import { softmaxRows } from '../softmax';

/** The sentence of the lesson's demonstration: six tokens. */
export const OPPOSING_TOKENS = ['two', 'heads', 'can', 'pull', 'opposite', 'ways'] as const;

/** Options of {@link opposingHeadsExample}. */
export interface OpposingOptions {
  /** Seed of the embeddings, the attention weights and the merges' parameters. */
  seed: number;
  dModel: number;
  /** Number of heads, at least 2; must divide dModel. */
  h: number;
  /** Head 2 carries r times head 1's signal: r = −1 is the opposite signal. */
  r: number;
  /** Tokens of the input. Default {@link OPPOSING_TOKENS}. */
  tokens?: readonly string[];
}

/** The demonstration's heads and the merges' parameters. */
export interface OpposingHeads extends MergeParams {
  tokens: readonly string[];
  /** The multi-head attention that produced the heads; trace.output is the concat merge. */
  trace: MhaTrace;
  /** h head outputs, each (n, d_k); heads[1] = r·heads[0]. */
  heads: Matrix[];
  dK: number;
}

/**
 * Real multi-head attention in which head 2 attends exactly like head 1 (same columns
 * of W_Q and W_K) and carries r times its values (W_V's block 2 = r × block 1), so
 * head_2 = r·head_1. Weights have N(0, 1/d_model) entries, W_up N(0, 1/d_k); the
 * weighted average's α is a softmax of h N(0, 0.5²) numbers; gates are uniform in
 * [0.2, 1] (trained gates sit near 0 or 1, Voita et al. 2019).
 */
export function opposingHeadsExample({ seed, dModel, h, r, tokens = OPPOSING_TOKENS }: OpposingOptions): OpposingHeads {
  const dK = headDim(dModel, h);
  if (h < 2) throw new RangeError(`the demonstration needs at least 2 heads (head 2 copies head 1); got h = ${h}`);
  if (!Number.isFinite(r)) throw new RangeError(`r must be a finite number, got ${r}`);
  const x = embedTokens(tokens, dModel, seed); // (n, dModel)
  const rng = mulberry32(seed);
  const std = 1 / Math.sqrt(dModel);
  const [wq, wk, wv, wo] = [0, 1, 2, 3].map(() => randomMatrix(dModel, dModel, rng, std));
  const last = dK - 1;
  wq.setSubMatrix(wq.subMatrix(0, dModel - 1, 0, last), 0, dK); // head 2 asks head 1's question
  wk.setSubMatrix(wk.subMatrix(0, dModel - 1, 0, last), 0, dK); // … of the same keys
  wv.setSubMatrix(Matrix.mul(wv.subMatrix(0, dModel - 1, 0, last), r), 0, dK); // … and hands over r × its values
  const trace = multiHeadAttention(x, { wq, wk, wv, wo }, { h });
  const wUp = randomMatrix(dK, dModel, rng, 1 / Math.sqrt(dK));
  const logits = randomMatrix(1, h, rng, 0.5);
  const alpha = softmaxRows(logits).getRow(0);
  const gates = Array.from({ length: h }, () => 0.2 + 0.8 * rng());
  return { tokens, trace, heads: trace.heads.map((hd) => hd.output), dK, wo, wUp, alpha, gates };
}

/** What one merge does with the demonstration's heads. */
export interface MergeSignal {
  kind: MergeKind;
  /** (n, d_model) the merge of the heads as they are. */
  output: Matrix;
  /** (n, d_model) the merge with heads 1 and 2 silenced (zero), the others unchanged. */
  silenced: Matrix;
  /** ‖output − silenced‖ (Frobenius): how far heads 1 and 2 together move the output. */
  distance: number;
  /** distance ÷ the same for head 1 alone (head 2 silenced); 0 means heads 1 and 2 cancel. */
  relative: number;
}

const frobenius = (m: Matrix) => m.norm('frobenius');

/**
 * For one merge: the output of the heads as they are, the output with heads 1 and 2
 * silenced, their distance, and that distance relative to head 1 alone. A merge that
 * cannot tell "head 1 says s, head 2 says −s" from "both say nothing" has distance 0.
 */
export function mergeSignal(kind: MergeKind, heads: readonly Matrix[], p: MergeParams): MergeSignal {
  if (heads.length < 2) throw new RangeError(`mergeSignal compares heads 1 and 2, so it needs at least 2 heads; got ${heads.length}`);
  const zero = Matrix.zeros(heads[0].rows, heads[0].columns);
  const output = mergeBy(kind, heads, p);
  const silenced = mergeBy(kind, [zero, zero, ...heads.slice(2)], p);
  const alone = mergeBy(kind, [heads[0], zero, ...heads.slice(2)], p);
  const distance = frobenius(Matrix.sub(output, silenced));
  const reference = frobenius(Matrix.sub(alone, silenced));
  return { kind, output, silenced, distance, relative: reference > 0 ? distance / reference : NaN };
}
