/**
 * State of the one-head widget (lesson 1): what the reader typed and chose, and the
 * fields that show and check it. Plain, serialisable, validated here; no DOM.
 */
import { tokenize } from '../../attention/demos';
import { t } from '../../i18n/strings';
import { h } from '../common/dom';
import { defineFields, fieldKit, optionsOf, type FieldName } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface OneHeadState {
  /** The sentence, split into tokens at spaces. */
  sentence: string;
  /** Seed of the embeddings and of W_Q, W_K, W_V. */
  seed: number;
  /** Width of queries, keys and values. */
  dK: number;
  /** Divide the scores by √d_k. */
  scaled: boolean;
  /** Factor on the token vectors (scores grow with its square). */
  xScale: number;
}

/** Bounds the widget promises to handle within one frame. */
export const LIMITS = { maxTokens: 12, maxTokenLength: 20, maxSeed: 999_999, dKs: [2, 4, 8, 16, 32, 64], xScales: [1, 3, 10, 30] } as const;

export const DEFAULT_STATE: Readonly<OneHeadState> = Object.freeze({
  sentence: 'the cat sat on the mat because it was warm',
  seed: 3,
  dK: 16,
  scaled: true,
  xScale: 1,
});

/** The largest state the widget allows: for benchmarks and tests. */
export const LARGEST_STATE: Readonly<OneHeadState> = Object.freeze({
  sentence: 'one two three four five six seven eight nine ten eleven twelve',
  seed: 3,
  dK: 64,
  scaled: true,
  xScale: 1,
});

/** Check a typed sentence: 1 to 12 tokens, each at most 20 characters, no markup. */
export function checkSentence(text: string): Checked<string> {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { ok: false, error: 'Type at least one word: the sentence is empty.' };
  if (tokens.length > LIMITS.maxTokens) {
    return { ok: false, error: `That is ${tokens.length} tokens; this widget takes at most ${LIMITS.maxTokens}. Remove ${tokens.length - LIMITS.maxTokens}.` };
  }
  if (/[<>]/.test(text)) return { ok: false, error: 'Type plain words: “<” and “>” are not allowed (markup is shown as text, never run).' };
  const long = tokens.find((t) => t.length > LIMITS.maxTokenLength);
  if (long) return { ok: false, error: `“${clip(long)}” is longer than ${LIMITS.maxTokenLength} characters; split it or shorten it.` };
  return { ok: true, value: tokens.join(' ') };
}

/** Check a typed seed: a whole number from 0 to 999999. */
export function checkSeed(text: string): Checked<number> {
  return parseWholeNumber(text, { name: 'seed', min: 0, max: LIMITS.maxSeed });
}

/** Check a head width: one of 2, 4, 8, 16, 32, 64. */
export function checkDK(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!(LIMITS.dKs as readonly number[]).includes(value)) {
    return { ok: false, error: `d_k must be one of ${LIMITS.dKs.join(', ')}; got “${clip(text)}”.` };
  }
  return { ok: true, value };
}

/** Check a factor on the token vectors: one of 1, 3, 10, 30. */
export function checkXScale(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!(LIMITS.xScales as readonly number[]).includes(value)) {
    return { ok: false, error: `The factor on the token vectors must be one of ${LIMITS.xScales.join(', ')}; got “${clip(text)}”.` };
  }
  return { ok: true, value };
}

const f = fieldKit<OneHeadState>();

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('one-head-attention', DEFAULT_STATE, [
  { name: 'sentence', kind: 'text', label: t.oneHead.sentence, hint: t.oneHead.sentenceHint(LIMITS.maxTokens), wide: true, ...f.bind('sentence', checkSentence, (v) => v) },
  {
    name: 'seed', kind: 'number', label: t.oneHead.seed, hint: t.oneHead.seedHint(LIMITS.maxSeed),
    action: { name: 'reseed', label: t.newSeed, run: (s) => ({ ...s, seed: Math.floor(Math.random() * 1000) }) },
    ...f.bind('seed', checkSeed),
  },
  { name: 'dk', kind: 'select', label: (doc) => h(doc, 'span', {}, 'd', h(doc, 'sub', {}, 'k')), options: optionsOf(LIMITS.dKs), ...f.bind('dK', checkDK) },
  { name: 'xscale', kind: 'select', label: t.oneHead.xScale, options: optionsOf(LIMITS.xScales), ...f.bind('xScale', checkXScale) },
  { name: 'scaled', kind: 'checkbox', group: t.oneHead.scaling, label: (doc) => h(doc, 'span', {}, t.oneHead.divideBy, h(doc, 'sub', {}, 'k')), ...f.flag('scaled') },
]);

/** A field name of this widget. */
export type OneHeadField = FieldName<typeof FIELDS>;
