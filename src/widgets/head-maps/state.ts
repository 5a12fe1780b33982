/**
 * State of the head-maps widget (lesson 8): the tokens the reader typed and the head
 * drawn large, and the fields that show and check it. Plain, serialisable, validated
 * here; no DOM. The bounds come from the
 * lab's settings (the model the checkpoint was trained with), not from typed numbers.
 */
import { t } from '../../i18n/strings';
import { labConfig } from '../../training/lab';
import { defineFields, fieldKit, optionsOf, type FieldName } from '../common/fields';
import { checkChoice, clip, type Checked } from '../common/validate';

export interface HeadMapsState {
  /** The input sequence, each a token 0 … vocab−1. */
  tokens: number[];
  /** Layer of the head drawn large, from 1. */
  layer: number;
  /** Head within the layer, from 1. */
  head: number;
}

const model = labConfig();

/** What the widget accepts: the trained model's vocabulary, sequence length, layers and heads. */
export const LIMITS = { vocab: model.vocab, minTokens: 2, maxTokens: model.seqLen, layers: model.layers, heads: model.h } as const;

/**
 * Starts at layer 1, head 4: the head whose removal costs the most accuracy in the
 * shipped ablation results (checked against content/lab/results.json by the unit tests).
 */
export const DEFAULT_STATE: Readonly<HeadMapsState> = Object.freeze({ tokens: [3, 1, 4, 1, 5, 2, 6, 0], layer: 1, head: 4 });

/** The largest state the widget allows (as many tokens as the model was trained on): for benchmarks and tests. */
export const LARGEST_STATE: Readonly<HeadMapsState> = Object.freeze({ tokens: [6, 5, 4, 3, 2, 1, 0, 6].slice(0, LIMITS.maxTokens), layer: 2, head: 1 });

const range = `0–${LIMITS.vocab - 1}`;
const example = DEFAULT_STATE.tokens.join(' ');

/** Tokens as the widget writes them (in the box and in links). */
export const formatTokens = (tokens: readonly number[]) => tokens.join(' ');

/**
 * Check typed tokens: whole numbers from 0 to vocab − 1, separated by spaces or commas,
 * between 2 and seqLen of them. The message names the first bad token.
 */
export function checkTokens(text: string): Checked<number[]> {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: `Type at least ${LIMITS.minTokens} tokens (${range}, separated by spaces), such as ${example}.` };
  for (const p of parts) {
    if (/^\d+$/.test(p) && Number(p) < LIMITS.vocab) continue;
    const why = /^\d+$/.test(p) ? `${clip(p, 12)} is not a token` : `“${clip(p, 12)}” is not a token`;
    return { ok: false, error: `${why}: use ${range} (the model’s vocabulary), separated by spaces or commas.` };
  }
  if (parts.length < LIMITS.minTokens) {
    return { ok: false, error: `Type at least ${LIMITS.minTokens} tokens: with one, there is no previous token to look at.` };
  }
  if (parts.length > LIMITS.maxTokens) {
    return { ok: false, error: `At most ${LIMITS.maxTokens} tokens (you typed ${parts.length}): the model was trained on sequences of ${LIMITS.maxTokens} and has no position beyond.` };
  }
  return { ok: true, value: parts.map(Number) };
}


/** Check a layer number: 1 … layers. */
export const checkLayer = checkChoice('layer', LIMITS.layers);
/** Check a head number: 1 … h. */
export const checkHead = checkChoice('head', LIMITS.heads);

const f = fieldKit<HeadMapsState>();
const count = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('head-maps', DEFAULT_STATE, [
  { name: 'tokens', kind: 'text', label: t.looking.tokens, hint: t.looking.tokensHint(LIMITS.vocab, LIMITS.minTokens, LIMITS.maxTokens), wide: true, ...f.bind('tokens', checkTokens, formatTokens) },
  { name: 'layer', kind: 'select', label: t.looking.layer, options: optionsOf(count(LIMITS.layers)), ...f.bind('layer', checkLayer) },
  { name: 'head', kind: 'select', label: t.looking.head, options: optionsOf(count(LIMITS.heads)), ...f.bind('head', checkHead) },
]);

/** A field name of this widget. */
export type HeadMapsField = FieldName<typeof FIELDS>;
