/**
 * State of the one-head widget (lesson 1): what the reader typed and chose. Plain,
 * serialisable, validated here; no DOM.
 */
import { tokenize } from '../../attention/demos';
import { checkboxField, textField, type Field } from '../common/fields';
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
}

/** Bounds the widget promises to handle within one frame. */
export const LIMITS = { maxTokens: 12, maxTokenLength: 20, maxSeed: 999_999, dKs: [2, 4, 8, 16, 32, 64] } as const;

export const DEFAULT_STATE: Readonly<OneHeadState> = Object.freeze({
  sentence: 'the cat sat on the mat because it was warm',
  seed: 3,
  dK: 16,
  scaled: true,
});

/** The largest state the widget allows: for benchmarks and tests. */
export const LARGEST_STATE: Readonly<OneHeadState> = Object.freeze({
  sentence: 'one two three four five six seven eight nine ten eleven twelve',
  seed: 3,
  dK: 64,
  scaled: true,
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

/** The widget's controls, in order; they also define its URL parameters. */
export const FIELDS: readonly Field<OneHeadState>[] = [
  textField('sentence', 'sentence', checkSentence, (v) => v),
  textField('seed', 'seed', checkSeed),
  textField('dK', 'dk', checkDK),
  checkboxField('scaled', 'scaled'),
];
