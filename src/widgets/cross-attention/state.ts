/**
 * State of lesson 9's cross-attention widget: the two sentences (queries from one, keys and
 * values from the other), the head shown and the seed. Plain, serialisable, validated here.
 */
import { t } from '../../i18n/strings';
import { defineFields, fieldKit, optionsOf, type FieldName } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';
import { checkSentence } from '../one-head/state';

export interface CrossAttentionState {
  /** The sentence the queries come from (the decoder's side). */
  queries: string;
  /** The sentence the keys and values come from (the encoder's side). */
  keys: string;
  /** Head shown, 1 to {@link LIMITS.h}. */
  head: number;
  /** Seed of the embeddings and weights. */
  seed: number;
}

/** Sizes of the toy layer and the bounds the widget handles within a frame. */
export const LIMITS = { dModel: 16, h: 4, maxSeed: 999_999 } as const;

export const DEFAULT_STATE: Readonly<CrossAttentionState> = Object.freeze({
  queries: 'le chat est assis',
  keys: 'the cat sat on the mat',
  head: 1,
  seed: 2,
});

/** The largest state: 12 words on each side. */
export const LARGEST_STATE: Readonly<CrossAttentionState> = Object.freeze({
  queries: 'un deux trois quatre cinq six sept huit neuf dix onze douze',
  keys: 'one two three four five six seven eight nine ten eleven twelve',
  head: 4,
  seed: 7,
});

/** Check a picked head: 1 to 4. */
export function checkHead(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1 || value > LIMITS.h) return { ok: false, error: `head must be 1 to ${LIMITS.h}; got “${clip(text)}”.` };
  return { ok: true, value };
}

/** Check a typed seed: a whole number from 0 to 999999. */
export function checkSeed(text: string): Checked<number> {
  return parseWholeNumber(text, { name: 'seed', min: 0, max: LIMITS.maxSeed });
}

const f = fieldKit<CrossAttentionState>();
const g = t.generating.cross;

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('cross-attention', DEFAULT_STATE, [
  { name: 'queries', kind: 'text', label: g.queries, hint: g.queriesHint(12), wide: true, ...f.bind('queries', checkSentence, (v) => v) },
  { name: 'keys', kind: 'text', label: g.keys, hint: g.keysHint(12), wide: true, ...f.bind('keys', checkSentence, (v) => v) },
  { name: 'head', kind: 'select', label: g.head, options: optionsOf([1, 2, 3, 4]), ...f.bind('head', checkHead) },
  {
    name: 'seed', kind: 'number', label: g.seed, hint: g.seedHint(LIMITS.maxSeed),
    action: { name: 'reseed', label: t.newSeed, run: (s) => ({ ...s, seed: Math.floor(Math.random() * 1000) }) },
    ...f.bind('seed', checkSeed),
  },
]);

/** A field name of this widget. */
export type CrossAttentionField = FieldName<typeof FIELDS>;
