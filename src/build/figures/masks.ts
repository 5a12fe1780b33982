/**
 * Figures and numbers on masks: lesson 1's causal triangle and lesson 3's padded batch,
 * computed with the course's own attention code on its toy embeddings.
 */
import type { Matrix } from 'ml-matrix';
import { scaledDotProductAttention } from '../../attention';
import { oneHeadExample } from '../../attention/demos';
import { heatmap } from '../../charts/heatmap';
import type { FigureMap, NumberMap } from './types';

/** Lesson 1's causal example: the widget's seed and d_k on a shorter sentence. */
export const CAUSAL_EXAMPLE = { tokens: ['the', 'cat', 'sat', 'on', 'the', 'mat'], seed: 3, dK: 16 } as const;

/** Lesson 3's padded batch: two sentences padded to the longer one's length. */
export const PADDING_EXAMPLE = {
  sentences: [['the', 'cat', 'sat', 'on', 'the', 'mat'], ['dogs', 'bark', 'loudly']],
  pad: '<pad>', seed: 3, dK: 16,
} as const;

const maxDiff = (a: Matrix, b: Matrix) => Math.max(0, ...a.to1DArray().map((v, i) => Math.abs(v - b.to1DArray()[i])));
const row = (m: Matrix, i: number) => m.subMatrix(i, i, 0, m.columns - 1);
const top = (m: Matrix, rows: number) => m.subMatrix(0, rows - 1, 0, m.columns - 1);
const fmt = (v: number) => v.toFixed(3);
/** A difference as prose shows it: 0, or one significant digit in scientific notation. */
const diff = (v: number) => (v === 0 ? '0' : v.toExponential(1));

let causalCache: ReturnType<typeof causalExample> | null = null;
/** The causal head on lesson 1's sentence, and the same outputs computed one query at a time. */
function causalExample() {
  const { tokens, seed, dK } = CAUSAL_EXAMPLE;
  const ex = oneHeadExample({ tokens, seed, dK, causal: true });
  // Decoding: query i alone, over the keys and values of tokens 0 … i (what a KV cache holds).
  let decodeDiff = 0;
  for (let i = 0; i < tokens.length; i++) {
    const step = scaledDotProductAttention(row(ex.q, i), top(ex.k, i + 1), top(ex.v, i + 1)).output; // (1, dK)
    decodeDiff = Math.max(decodeDiff, maxDiff(step, row(ex.output, i)));
  }
  return { tokens, ex, decodeDiff };
}
const causal = () => (causalCache ??= causalExample());

let paddingCache: ReturnType<typeof paddingExample> | null = null;
/** The short sentence padded to the long one's length, attended with and without its padding mask. */
function paddingExample() {
  const { sentences, pad, seed, dK } = PADDING_EXAMPLE;
  const n = Math.max(...sentences.map((s) => s.length));
  const real = sentences[1];
  const length = real.length;
  const padded = [...real, ...Array<string>(n - length).fill(pad)];
  const ex = oneHeadExample({ tokens: padded, seed, dK });
  const masked = scaledDotProductAttention(ex.q, ex.k, ex.v, { keyLength: length });
  const alone = oneHeadExample({ tokens: real, seed, dK });
  return {
    padded, length, n, masked,
    /** Largest difference on the real tokens' outputs between padded-and-masked and alone. */
    maskedDiff: maxDiff(top(masked.output, length), alone.output),
    /** The same without the mask: the padding leaks in. */
    unmaskedDiff: maxDiff(top(ex.output, length), alone.output),
  };
}
const padding = () => (paddingCache ??= paddingExample());

export const masksFigures = {
  /** Lesson 1: the lower triangle a causal mask leaves. */
  'causal-mask': (document?: Document) => {
    const { tokens, ex } = causal();
    const n = tokens.length;
    const weights = ex.weights.to2DArray();
    return {
      svg: heatmap(weights, {
        rowLabels: tokens, colLabels: tokens, kind: 'weights', xLabel: 'key', yLabel: 'query', maxWidth: 420, digits: 2, document,
        masked: (i, j) => j > i,
        label: `Attention weights of one causal head on “${tokens.join(' ')}”: only the lower triangle is coloured. Grey cells above the diagonal are hidden by the mask (score −∞, weight 0); the first query puts all its weight on itself.`,
      }),
      table: {
        caption: `Causal attention weights on “${tokens.join(' ')}” (seed ${CAUSAL_EXAMPLE.seed}, d_k = ${CAUSAL_EXAMPLE.dK}); “masked” = score −∞`,
        columns: ['query \\ key', ...tokens.map((t, j) => `${j + 1} ${t}`)],
        rows: weights.map((r, i) => [`${i + 1} ${tokens[i]}`, ...r.map((w, j) => (j > i ? 'masked' : fmt(w)))]),
      },
    };
  },
  /** Lesson 3: one padded sequence of a batch; padding keys masked, padding queries ignored. */
  'padding-mask': (document?: Document) => {
    const { padded, length, n, masked } = padding();
    const weights = masked.weights.to2DArray();
    const ignored = Array.from({ length: n - length }, (_, k) => length + k);
    return {
      svg: heatmap(weights, {
        rowLabels: padded, colLabels: padded, kind: 'weights', xLabel: 'key', yLabel: 'query', maxWidth: 420, digits: 2, document,
        masked: (_, j) => j >= length, fadedRows: ignored,
        label: `Attention weights of “${padded.join(' ')}”, padded from ${length} to ${n} tokens: the padding keys are grey (score −∞, weight 0) for every query, and the padding queries' rows are faded because their outputs are thrown away.`,
      }),
      table: {
        caption: `Weights of the padded sequence (seed ${PADDING_EXAMPLE.seed}, d_k = ${PADDING_EXAMPLE.dK}): “masked” = padding key, rows marked “ignored” are padding queries`,
        columns: ['query \\ key', ...padded.map((t, j) => `${j + 1} ${t}`)],
        rows: weights.map((r, i) => [`${i + 1} ${padded[i]}${i >= length ? ' (ignored)' : ''}`, ...r.map((w, j) => (j >= length ? 'masked' : fmt(w)))]),
      },
    };
  },
} satisfies FigureMap;

/** Numbers the lessons quote, computed here. */
export const masksNumbers = {
  /** Largest |difference| between causal attention's row i and query i decoded alone over keys 0 … i. */
  'masks.causal.decodeDiff': () => diff(causal().decodeDiff),
  'masks.padding.maskedDiff': () => diff(padding().maskedDiff),
  'masks.padding.unmaskedDiff': () => padding().unmaskedDiff.toFixed(2),
} satisfies NumberMap;

/** The raw values behind the numbers, for tests. */
export const masksValues = { causal: () => causal().decodeDiff, padded: () => ({ ...padding() }) };
