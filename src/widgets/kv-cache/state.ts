/**
 * State of lesson 9's K/V-cache calculator: a decoder of content/models.json, a context
 * length and a precision, and the fields that show and check them. Plain, serialisable,
 * validated here; no DOM.
 */
import { t } from '../../i18n/strings';
import { decoderModels, type ModelConfig } from '../../lib/models';
import { PRECISIONS } from '../../lib/kvMemory';
import { defineFields, fieldKit, type FieldName } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface KvCacheState {
  /** Id of a decoder-only model of content/models.json. */
  model: string;
  /** Tokens in the cache. */
  n: number;
  /** Bytes per stored number: 4, 2 or 1. */
  bytes: number;
}

/** Bounds: up to a million tokens of context (the sizes stay exact in float64). */
export const LIMITS = { maxN: 1_048_576, bytes: PRECISIONS.map((p) => p.bytes) } as const;

/** The models the reader can pick: those that generate text and keep a K/V cache. */
export const MODELS: readonly ModelConfig[] = decoderModels();

export const DEFAULT_STATE: Readonly<KvCacheState> = Object.freeze({ model: 'llama2-70b', n: 4096, bytes: 2 });

/** The largest state: the model with the most K/V heads and layers, the longest context, float32. */
export const LARGEST_STATE: Readonly<KvCacheState> = Object.freeze({ model: 'llama3-70b', n: LIMITS.maxN, bytes: 4 });

/** Check a picked model id: one of the decoders. */
export function checkModel(text: string): Checked<string> {
  if (MODELS.some((m) => m.id === text)) return { ok: true, value: text };
  return { ok: false, error: `there is no decoder “${clip(text)}”; choose one of ${MODELS.map((m) => m.id).join(', ')}.` };
}

/** Check a typed context length: a whole number of tokens from 1 to 1,048,576 ("4,096" and "4 096" read as 4096). */
export function checkN(text: string): Checked<number> {
  return parseWholeNumber(text.replace(/(\d)[,\s_](?=\d{3}\b)/g, '$1'), { name: 'context length', min: 1, max: LIMITS.maxN });
}

/** Check bytes per value: 4, 2 or 1. */
export function checkBytes(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!(LIMITS.bytes as readonly number[]).includes(value)) return { ok: false, error: `bytes per value must be ${LIMITS.bytes.join(', ')}; got “${clip(text)}”.` };
  return { ok: true, value };
}

/** The text the context box should hold once model `id` is picked: its context length, when its source gives one. */
export function contextOf(id: string): Partial<Record<'n', string>> {
  const m = MODELS.find((x) => x.id === id);
  return m?.contextLength ? { n: String(m.contextLength) } : {};
}

const f = fieldKit<KvCacheState>();
const g = t.generating.kv;

/** The widget's fields, in order: its controls and its URL parameters. Picking a model fills in its context length, when known. */
export const FIELDS = defineFields('kv-cache', DEFAULT_STATE, [
  { name: 'model', kind: 'select', label: g.model, fills: contextOf, options: MODELS.map((m) => ({ value: m.id, label: m.name })), ...f.bind('model', checkModel) },
  { name: 'n', kind: 'number', label: g.tokens, hint: g.tokensHint(LIMITS.maxN), ...f.bind('n', checkN) },
  { name: 'bytes', kind: 'select', label: g.bytes, options: LIMITS.bytes.map((b) => ({ value: String(b), label: g.bytesNames[b] })), ...f.bind('bytes', checkBytes) },
]);

/** A field name of this widget. */
export type KvCacheField = FieldName<typeof FIELDS>;
