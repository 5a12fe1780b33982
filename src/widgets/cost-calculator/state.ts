/**
 * State of lesson 4's calculator: the size of an attention layer and of its input, as the
 * reader typed or picked it, and the fields that show and check it. Plain, serialisable,
 * validated here; no DOM.
 */
import { t } from '../../i18n/strings';
import { conventionalModels, type ModelConfig } from '../../lib/models';
import { defineFields, fieldKit, type CrossCheck, type Field, type FieldName } from '../common/fields';
import { headsProblem } from '../common/heads';
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

/**
 * Models the reader can load, in file order: those with h heads of width d_model / h and
 * their own K/V (the calculator's model); GQA models and decoupled head widths are lesson 9's.
 */
export const PRESETS: readonly ModelConfig[] = conventionalModels();

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

/** parse/format of a size field: changing it means the numbers are no longer a loaded model's. */
function size(key: 'dModel' | 'h' | 'layers', check: (text: string) => Checked<number>): Pick<Field<CostState>, 'parse' | 'format'> {
  return {
    format: (s) => String(s[key]),
    parse: (text, s) => {
      const r = check(text);
      if (!r.ok) return r;
      return { ok: true, value: { ...s, [key]: r.value, model: r.value === s[key] ? s.model : 'custom' } };
    },
  };
}

/** parse/format of the model picker: loads d_model, h, the attention layers and (when known) the context length. */
const pickModel: Pick<Field<CostState>, 'parse' | 'format'> = {
  format: (s) => s.model,
  parse: (text, s) => {
    if (text === 'custom') return { ok: true, value: { ...s, model: 'custom' } };
    const m = PRESETS.find((p) => p.id === text);
    if (!m) return { ok: false, error: `there is no model “${clip(text)}”; choose one of ${PRESETS.map((p) => p.id).join(', ')}, or custom.` };
    return { ok: true, value: { ...s, model: m.id, dModel: m.dModel, h: m.h, layers: m.attentionLayers, n: m.contextLength ?? s.n } };
  },
};

/**
 * The text each size box should hold once the model `id` is picked (none for "custom"):
 * d_model, h, the attention layers, and n when the model has a known context length.
 */
export function presetValues(id: string): Partial<Record<'dmodel' | 'h' | 'layers' | 'n', string>> {
  const m = PRESETS.find((p) => p.id === id);
  if (!m) return {};
  return { dmodel: String(m.dModel), h: String(m.h), layers: String(m.attentionLayers), ...(m.contextLength ? { n: String(m.contextLength) } : {}) };
}

const f = fieldKit<CostState>();
const c = t.costs;

/** The widget's fields, in order: its controls and its URL parameters. Picking a model fills the size boxes. */
export const FIELDS = defineFields('cost-calculator', DEFAULT_STATE, [
  {
    name: 'model', kind: 'select', label: c.model, fills: presetValues,
    options: [{ value: 'custom', label: c.modelCustom }, ...PRESETS.map((m) => ({ value: m.id, label: m.name }))],
    ...pickModel,
  },
  { name: 'dmodel', kind: 'number', label: c.dModel, hint: c.dModelHint(LIMITS.maxDModel), ...size('dModel', checkDModel) },
  { name: 'h', kind: 'number', label: c.h, hint: c.hHint, ...size('h', checkH) },
  { name: 'n', kind: 'number', label: c.n, hint: c.nHint(LIMITS.maxN), ...f.bind('n', checkN) },
  { name: 'layers', kind: 'number', label: c.layers, hint: c.layersHint(LIMITS.maxLayers), ...size('layers', checkLayers) },
  { name: 'bias', kind: 'checkbox', group: c.biases, label: c.countBiases, ...f.flag('bias') },
  { name: 'bytes', kind: 'select', label: c.bytes, options: LIMITS.bytes.map((b) => ({ value: String(b), label: c.bytesNames[b] })), ...f.bind('bytes', checkBytes) },
]);

/** A field name of this widget. */
export type CostField = FieldName<typeof FIELDS>;

/**
 * The rule across fields: h must divide d_model (the course's convention d_k = d_model/h).
 * The message names both numbers, the nearest h that work, and the nearest d_model that keep h.
 */
export const crossCheck: CrossCheck<CostState, CostField> = (s) => {
  const error = headsProblem(s.dModel, s.h, { dModels: { min: 1, max: LIMITS.maxDModel } });
  return error ? { field: 'h', error } : null;
};
