/**
 * Configurations of real models (content/models.json), typed and checked: the build checks
 * the file against its schema (src/lib/schemas.ts) before anything reads it. Lesson 4
 * computes every count from the rows that follow the course's convention (its calculator
 * loads them as presets); lesson 9's K/V-cache calculator reads the decoders.
 */
import data from '../../content/models.json';
import type { ModelConfig } from './schemas';

export type { ModelConfig } from './schemas';

/** The fields of a model row, in schema order. */
export const MODEL_KEYS = ['id', 'name', 'layers', 'attentionLayers', 'dModel', 'h', 'reportedParams', 'contextLength', 'architecture', 'kvHeads', 'dHead', 'source'] as const satisfies readonly (keyof ModelConfig)[];

// The build has checked the file against the schema (src/build/content-check.ts); JSON
// imports type "architecture" as string, so the checked rows are named by their schema type.
const models = data.models as readonly ModelConfig[];

/** Every model of content/models.json, in file order. */
export function allModels(): readonly ModelConfig[] {
  return models;
}

/** Whether two lists of model rows hold the same values (key order and absent optional keys aside). */
export function sameModelRows(a: readonly ModelConfig[], b: readonly ModelConfig[]): boolean {
  return a.length === b.length && a.every((m, i) => MODEL_KEYS.every((k) => m[k] === b[i][k]));
}

/** The model with this id; throws naming the ids there are. */
export function modelById(id: string): ModelConfig {
  const model = models.find((m) => m.id === id);
  if (!model) throw new Error(`no model "${id}" in content/models.json; there are ${models.map((m) => m.id).join(', ')}`);
  return model;
}

/** Width of one head: dHead where the source sets it, else d_model / h (the course's convention). */
export function headWidth(m: ModelConfig): number {
  return m.dHead ?? m.dModel / m.h;
}

/** K/V heads per layer: kvHeads where the source gives fewer than h (GQA, MQA), else h. */
export function kvHeadsOf(m: ModelConfig): number {
  return m.kvHeads ?? m.h;
}

/**
 * Whether a model is plain multi-head attention under the course's convention: h heads of
 * width d_model / h, each with its own K and V. Lesson 4's counts (4·d_model² per layer)
 * hold exactly for these.
 */
export function followsConvention(m: ModelConfig): boolean {
  return headWidth(m) * m.h === m.dModel && kvHeadsOf(m) === m.h;
}

/** The models lesson 4 counts and its calculator loads: those that {@link followsConvention}. */
export function conventionalModels(): readonly ModelConfig[] {
  return models.filter(followsConvention);
}

/** The models that generate text token by token and keep a K/V cache: decoder-only ones. */
export function decoderModels(): readonly ModelConfig[] {
  return models.filter((m) => m.architecture === 'decoder');
}
