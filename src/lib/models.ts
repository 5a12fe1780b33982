/**
 * Configurations of real models (content/models.json), checked by a schema the first time
 * they are read, so a typo in the data fails the build with a message instead of printing
 * a wrong number. Lesson 4 computes every count from these rows.
 *
 * Nothing runs when this module is imported (the schemas are built on first use): a page
 * script that imports a module which imports this one, without reading models, does not
 * carry the schema library.
 */
import { z } from 'astro/zod';
import data from '../../content/models.json';

const whole = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).int(`${what} must be a whole number`).positive(`${what} must be positive`);

function buildSchemas() {
  /** One model: its size as the source gives it, and where the numbers come from. */
  const model = z
    .object({
      /** Short id used in URLs and in number ids ("bert-base"). */
      id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lower-case letters, digits and dashes'),
      name: z.string().min(2),
      /** Layers (N) as the source counts them. */
      layers: whole('layers'),
      /** Multi-head attention blocks in the whole model (2 per decoder layer in an encoder–decoder). */
      attentionLayers: whole('attentionLayers'),
      dModel: whole('dModel'),
      h: whole('h'),
      /** Whole-model parameter count the source reports, embeddings included. */
      reportedParams: whole('reportedParams'),
      /** Longest input the model takes, when the source gives it. */
      contextLength: whole('contextLength').optional(),
      /** Paper, section or table, and code the row was read from. */
      source: z.string().min(10),
    })
    .strict()
    .superRefine((m, ctx) => {
      if (m.dModel % m.h !== 0) ctx.addIssue({ code: 'custom', path: ['h'], message: `${m.id}: dModel (${m.dModel}) must be divisible by h (${m.h})` });
      if (m.attentionLayers < m.layers) ctx.addIssue({ code: 'custom', path: ['attentionLayers'], message: `${m.id}: attentionLayers (${m.attentionLayers}) cannot be fewer than layers (${m.layers})` });
    });
  /** The file: a list of models with unique ids. */
  const file = z.object({
    $comment: z.string().optional(),
    models: z.array(model).min(1).superRefine((models, ctx) => {
      const seen = new Set<string>();
      for (const m of models) {
        if (seen.has(m.id)) ctx.addIssue({ code: 'custom', message: `model id "${m.id}" appears twice` });
        seen.add(m.id);
      }
    }),
  });
  return { model, file };
}

let schemaCache: ReturnType<typeof buildSchemas> | null = null;
/** The zod schemas of a model row and of the whole file. */
export function modelSchemas(): ReturnType<typeof buildSchemas> {
  schemaCache ??= buildSchemas();
  return schemaCache;
}

export type ModelConfig = z.infer<ReturnType<typeof buildSchemas>['model']>;

/** The fields of a model row, in schema order. */
export const MODEL_KEYS = ['id', 'name', 'layers', 'attentionLayers', 'dModel', 'h', 'reportedParams', 'contextLength', 'source'] as const satisfies readonly (keyof ModelConfig)[];

/**
 * Validate models data; throws an Error listing every problem with its path.
 */
export function parseModels(input: unknown): ModelConfig[] {
  const result = modelSchemas().file.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`content/models.json is not valid:\n- ${problems.join('\n- ')}`);
  }
  return result.data.models;
}

let modelsCache: ModelConfig[] | null = null;
/** Every model of content/models.json, validated, in file order. */
export function allModels(): readonly ModelConfig[] {
  modelsCache ??= parseModels(data);
  return modelsCache;
}

/** Whether two lists of model rows hold the same values (key order and absent optional keys aside). */
export function sameModelRows(a: readonly ModelConfig[], b: readonly ModelConfig[]): boolean {
  return a.length === b.length && a.every((m, i) => MODEL_KEYS.every((k) => m[k] === b[i][k]));
}

/** The model with this id; throws naming the ids there are. */
export function modelById(id: string): ModelConfig {
  const models = allModels();
  const model = models.find((m) => m.id === id);
  if (!model) throw new Error(`no model "${id}" in content/models.json; there are ${models.map((m) => m.id).join(', ')}`);
  return model;
}
