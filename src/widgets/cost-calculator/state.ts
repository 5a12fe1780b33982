/**
 * State of lesson 4's calculator: the size of an attention layer and of its input, as the
 * reader typed or picked it. Plain, serialisable, validated here; no DOM.
 */
import { nearestDivisors } from '../../attention';
import { allModels, type ModelConfig } from '../../lib/models';
import type { CrossCheck, Field } from '../common/fields';
import { checkboxField, textField } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface CostState {
  /** Id of the model whose size was loaded (content/models.json), or "custom". */
  model: string;
  /** Width of the model, d_model. */
  dModel: number;
  /** Number of heads; must divide dModel. */
  h: number;
  /** Tokens in the sequence. */
  n: number;
  /** Attention layers (blocks) in the model. */
  layers: number;
  /** Count the four bias vectors. */
  bias: boolean;
  /** Bytes per stored number: 4, 2 or 1. */
  bytes: number;
}

/** Bounds the widget promises to handle within one frame, and keep counts exact. */
export const LIMITS = {
  maxDModel: 16_384,
  maxN: 65_536,
  maxLayers: 128,
  /** Largest d_model at which the weights are instantiated and counted. */
  instantiateMax: 64,
  bytes: [4, 2, 1],
} as const;

/** Models the reader can load, in file order. */
export const PRESETS: readonly ModelConfig[] = allModels();

export const DEFAULT_STATE: Readonly<CostState> = Object.freeze({
  model: 'custom', dModel: 512, h: 8, n: 128, layers: 6, bias: true, bytes: 2,
});

/** The largest state the widget allows (most K/V rows, longest chart): for benchmarks and tests. */
export const LARGEST_STATE: Readonly<CostState> = Object.freeze({
  model: 'custom', dModel: LIMITS.maxDModel, h: LIMITS.maxDModel, n: LIMITS.maxN, layers: LIMITS.maxLayers, bias: true, bytes: 4,
});

/** The largest state at which the weights are instantiated (every head of width 1). */
export const LARGEST_INSTANTIATED: Readonly<CostState> = Object.freeze({
  ...DEFAULT_STATE, dModel: LIMITS.instantiateMax, h: LIMITS.instantiateMax, n: LIMITS.maxN, layers: LIMITS.maxLayers,
});

/** Read a whole number as people type it: "1,024", "1 024" and "1_024" are 1024. */
function whole(text: string, name: string, max: number): Checked<number> {
  return parseWholeNumber(text.replace(/(\d)[,\s_](?=\d{3}\b)/g, '$1'), { name, min: 1, max });
}

/** Check a typed d_model: a whole number from 1 to 16,384. */
export function checkDModel(text: string): Checked<number> {
  return whole(text, 'd_model', LIMITS.maxDModel);
}

/** Check a typed h: a whole number from 1 to 16,384 (that it divides d_model is checked with both). */
export function checkH(text: string): Checked<number> {
  return whole(text, 'h', LIMITS.maxDModel);
}

/** Check a typed sequence length: 1 to 65,536 tokens. */
export function checkN(text: string): Checked<number> {
  return whole(text, 'n', LIMITS.maxN);
}

/** Check a typed number of layers: 1 to 128. */
export function checkLayers(text: string): Checked<number> {
  return whole(text, 'number of layers', LIMITS.maxLayers);
}

/** Check bytes per value: 4, 2 or 1. */
export function checkBytes(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!(LIMITS.bytes as readonly number[]).includes(value)) return { ok: false, error: `bytes per value must be ${LIMITS.bytes.join(', ')}; got “${clip(text)}”.` };
  return { ok: true, value };
}

/**
 * The rule across fields: h must divide d_model. The message names both numbers, the
 * nearest h that work, and the nearest d_model that keep h.
 */
export const crossCheck: CrossCheck<CostState> = (s) => {
  if (s.dModel % s.h === 0) return null;
  const near = nearestDivisors(s.dModel, s.h);
  const hs = near.map((h) => `${h} (dₖ = ${s.dModel / h})`).join(' or ');
  if (s.h > s.dModel) {
    return { field: 'h', error: `h (${s.h}) is larger than d_model (${s.dModel}): each head needs at least one of the d_model dimensions. The largest valid h is ${hs}.` };
  }
  const lower = Math.floor(s.dModel / s.h) * s.h;
  const upper = lower + s.h;
  const dModels = [lower, upper].filter((d) => d >= 1 && d <= LIMITS.maxDModel);
  return {
    field: 'h',
    error: `d_model (${s.dModel}) is not divisible by h (${s.h}). Nearest valid h: ${hs}; or keep h = ${s.h} with d_model ${dModels.join(' or ')}.`,
  };
};

/** A size field: changing it means the numbers are no longer a loaded model's. */
function sizeField(key: 'dModel' | 'h' | 'layers', name: string, check: (text: string) => Checked<number>): Field<CostState> {
  return {
    name, kind: 'text',
    format: (s) => String(s[key]),
    parse: (text, s) => {
      const r = check(text);
      if (!r.ok) return r;
      return { ok: true, value: { ...s, [key]: r.value, model: r.value === s[key] ? s.model : 'custom' } };
    },
  };
}

/** The model picker: loads d_model, h, the attention layers and (when known) the context length. */
const modelField: Field<CostState> = {
  name: 'model', kind: 'text',
  format: (s) => s.model,
  parse: (text, s) => {
    if (text === 'custom') return { ok: true, value: { ...s, model: 'custom' } };
    const m = PRESETS.find((p) => p.id === text);
    if (!m) return { ok: false, error: `there is no model “${clip(text)}”; choose one of ${PRESETS.map((p) => p.id).join(', ')}, or custom.` };
    return { ok: true, value: { ...s, model: m.id, dModel: m.dModel, h: m.h, layers: m.attentionLayers, n: m.contextLength ?? s.n } };
  },
};

/** The widget's controls, in order; they also define its URL parameters. */
export const FIELDS: readonly Field<CostState>[] = [
  modelField,
  sizeField('dModel', 'dmodel', checkDModel),
  sizeField('h', 'h', checkH),
  textField('n', 'n', checkN),
  sizeField('layers', 'layers', checkLayers),
  checkboxField('bias', 'bias'),
  textField('bytes', 'bytes', checkBytes),
];

/**
 * The text each size box should hold once the model `id` is picked (none for "custom"):
 * d_model, h, the attention layers, and n when the model has a known context length.
 */
export function presetValues(id: string): Record<string, string> {
  const m = PRESETS.find((p) => p.id === id);
  if (!m) return {};
  return { dmodel: String(m.dModel), h: String(m.h), layers: String(m.attentionLayers), ...(m.contextLength ? { n: String(m.contextLength) } : {}) };
}
