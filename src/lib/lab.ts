/**
 * The ablation lab's shipped results (content/lab/results.json, written by
 * `npm run lab -- --write`), checked against a schema when the site is built: a file
 * that does not fit fails the build with the path of the bad field.
 */
import { z } from 'zod';
import resultsJson from '../../content/lab/results.json';

const unit = z.number().min(0).max(1);
const evaluation = z.object({ accuracy: unit, loss: z.number().nonnegative() });
const point = z.object({ step: z.number().int().positive(), trainLoss: z.number().nonnegative(), test: evaluation });
const headId = { layer: z.number().int().nonnegative(), head: z.number().int().nonnegative() };
const pruningPoint = z.object({ pruned: unit, accuracy: unit });

export const labResultsSchema = z.object({
  settings: z.object({
    task: z.object({ vocab: z.number().int().positive(), seqLen: z.number().int().positive() }),
    model: z.object({ dModel: z.number().int().positive(), h: z.number().int().positive(), layers: z.number().int().positive(), dHidden: z.number().int().nonnegative(), causal: z.boolean() }),
    train: z.object({ steps: z.number().int().positive(), batch: z.number().int().positive(), lr: z.number().positive(), seed: z.number().int(), evalEvery: z.number().int().positive() }),
    test: z.object({ size: z.number().int().positive(), seed: z.number().int(), monitor: z.number().int().positive() }),
    importanceExamples: z.number().int().positive(),
    randomSeed: z.number().int(),
    sweep: z.object({ hs: z.array(z.number().int().positive()).min(1), layers: z.number().int().positive() }),
  }),
  full: evaluation,
  history: z.array(point).min(1),
  ablateOne: z.array(z.object({ ...headId, accuracy: unit, loss: z.number().nonnegative() })),
  keepOne: z.array(z.object({ ...headId, accuracy: unit })),
  importance: z.array(z.object({ ...headId, score: z.number().nonnegative() })),
  pruning: z.object({ importance: z.array(pruningPoint), random: z.array(pruningPoint) }),
  sweep: z.array(z.object({ h: z.number().int().positive(), layers: z.number().int().positive(), accuracy: unit, loss: z.number().nonnegative(), history: z.array(point).min(1) })),
});

/** The shipped lab results, as `npm run lab -- --json` prints them. */
export type LabResults = z.infer<typeof labResultsSchema>;

/** The shipped lab results, validated. */
export const labResults: LabResults = labResultsSchema.parse(resultsJson);
