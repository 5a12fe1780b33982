/**
 * Schemas of the data files in content/ that the site reads as JSON: the configurations of
 * real models (content/models.json) and the lab's results (content/lab/results.json).
 * The build checks the files against them before it bundles anything
 * (src/build/content-check.ts), so a file that does not fit fails the build with the path
 * of the bad field; the accessors (src/lib/models.ts, src/lib/lab.ts) then hand out the
 * checked data, typed by these schemas, to pages, build and widgets alike.
 */
import { z } from 'astro/zod';

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
      /** Whole-model parameter count the source reports, embeddings included (left out when no source gives an exact count). */
      reportedParams: whole('reportedParams').optional(),
      /** Longest input the model takes, when the source gives it. */
      contextLength: whole('contextLength').optional(),
      /** Encoder and decoder (Transformer), encoder only (BERT) or decoder only (GPT-2, Llama): only decoders generate and keep a K/V cache. */
      architecture: z.enum(['encoder-decoder', 'encoder', 'decoder'], { errorMap: () => ({ message: 'architecture must be "encoder-decoder", "encoder" or "decoder"' }) }),
      /** K/V heads per layer, when fewer than h (grouped-query or multi-query attention); absent means h. */
      kvHeads: whole('kvHeads').optional(),
      /** Width of one head, when the source sets it apart from d_model / h (Gemma-7B: 256, not 3072 / 16); absent means d_model / h. */
      dHead: whole('dHead').optional(),
      /** Paper, section or table, and code the row was read from. */
      source: z.string().min(10),
    })
    .strict()
    .superRefine((m, ctx) => {
      if (m.dHead === undefined && m.dModel % m.h !== 0) ctx.addIssue({ code: 'custom', path: ['h'], message: `${m.id}: dModel (${m.dModel}) must be divisible by h (${m.h}), or give dHead when the model sets its head width apart from d_model / h` });
      if (m.kvHeads !== undefined && (m.kvHeads > m.h || m.h % m.kvHeads !== 0)) {
        ctx.addIssue({ code: 'custom', path: ['kvHeads'], message: `${m.id}: kvHeads (${m.kvHeads}) must divide h (${m.h}): each K/V head serves h / kvHeads query heads` });
      }
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

const schemas = buildSchemas();
/** The zod schemas of a model row and of the whole file. */
export function modelSchemas(): ReturnType<typeof buildSchemas> {
  return schemas;
}

/** One model of content/models.json. */
export type ModelConfig = z.infer<ReturnType<typeof buildSchemas>['model']>;

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


const unit = z.number().min(0).max(1);
const evaluation = z.object({ accuracy: unit, loss: z.number().nonnegative() });
const point = z.object({ step: z.number().int().positive(), trainLoss: z.number().nonnegative(), test: evaluation });
const headId = { layer: z.number().int().nonnegative(), head: z.number().int().nonnegative() };
const pruningPoint = z.object({ pruned: unit, accuracy: unit });

/** content/lab/results.json, as `npm run lab -- --write` writes it. */
export const labResultsSchema = z.object({
  settings: z.object({
    task: z.object({ vocab: z.number().int().positive(), seqLen: z.number().int().positive() }),
    model: z.object({ dModel: z.number().int().positive(), h: z.number().int().positive(), layers: z.number().int().positive(), dHidden: z.number().int().nonnegative(), causal: z.boolean() }),
    train: z.object({ steps: z.number().int().positive(), batch: z.number().int().positive(), lr: z.number().positive(), seed: z.number().int(), evalEvery: z.number().int().positive() }),
    test: z.object({ size: z.number().int().positive(), seed: z.number().int(), monitor: z.number().int().positive() }),
    validation: z.object({ size: z.number().int().positive(), seed: z.number().int() }),
    randomSeed: z.number().int(),
    sweep: z.object({ hs: z.array(z.number().int().positive()).min(1), layers: z.number().int().positive(), seeds: z.array(z.number().int()).min(1) }),
  }),
  full: evaluation,
  history: z.array(point).min(1),
  ablateOne: z.array(z.object({ ...headId, accuracy: unit, loss: z.number().nonnegative() })),
  keepOne: z.array(z.object({ ...headId, accuracy: unit })),
  importance: z.array(z.object({ ...headId, score: z.number().nonnegative() })),
  pruning: z.object({ importance: z.array(pruningPoint), random: z.array(pruningPoint) }),
  sweep: z.array(z.object({ h: z.number().int().positive(), seed: z.number().int(), layers: z.number().int().positive(), accuracy: unit, loss: z.number().nonnegative(), history: z.array(point).min(1) })),
});

/** The shipped lab results, as `npm run lab -- --json` prints them. */
export type LabResults = z.infer<typeof labResultsSchema>;

/** Check lab results; throws an Error listing every problem with its path. */
export function parseLabResults(input: unknown): LabResults {
  const result = labResultsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`content/lab/results.json is not valid:\n- ${problems.join('\n- ')}`);
  }
  return result.data;
}
