/**
 * Configurations of real models (content/models.json), typed and checked: the build checks
 * the file against its schema (src/lib/schemas.ts) before anything reads it. Lesson 4
 * computes every count from these rows; the calculator loads them as presets.
 */
import data from '../../content/models.json';
import type { ModelConfig } from './schemas';

export type { ModelConfig } from './schemas';

/** The fields of a model row, in schema order. */
export const MODEL_KEYS = ['id', 'name', 'layers', 'attentionLayers', 'dModel', 'h', 'reportedParams', 'contextLength', 'source'] as const satisfies readonly (keyof ModelConfig)[];

const models: readonly ModelConfig[] = data.models;

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
