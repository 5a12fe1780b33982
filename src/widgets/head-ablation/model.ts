/**
 * The trained model as the ablation widget uses it: a MaskedEvaluator on the lab's
 * held-out set, built from a checkpoint (shipped, or retrained in the page). Pure: runs
 * at build time for the static drawing and in the page for the live one.
 */
import { firstHeads, labConfig, labTestSets, MaskedEvaluator, type Checkpoint, type Evaluation, type Example, type HeadMask, type ModelConfig } from '../../training';
import type { AblationView } from './render';
import type { AblationState } from './state';

/** A trained model ready to be taken apart. */
export interface LabModel {
  /** The weights it was built from (a reader's maskedSum runs on them in the cell worker). */
  checkpoint: Checkpoint;
  config: ModelConfig;
  evaluator: MaskedEvaluator;
  /** The held-out set every number is measured on. */
  examples: readonly Example[];
  /** Every head on. */
  full: Evaluation;
}

/** Set up the evaluator for a checkpoint (≈ 0.1–0.2 s: one forward pass of the held-out set). */
export function labModel(checkpoint: Checkpoint): LabModel {
  const { settings, params } = checkpoint;
  const config = labConfig(settings);
  const { test } = labTestSets(settings);
  const evaluator = new MaskedEvaluator(params, config, test);
  const { accuracy, loss } = evaluator.run();
  return { checkpoint, config, evaluator, examples: test, full: { accuracy, loss } };
}

/** What the widget draws for a state. */
export function viewFor(m: LabModel, state: AblationState): AblationView {
  return { state, run: m.evaluator.run(state.mask), full: m.full, examples: m.examples };
}

/** Accuracy with only the first k heads of every layer on, for k = 1 … h. */
export function firstHeadsRows(m: LabModel): { k: number; accuracy: number }[] {
  return Array.from({ length: m.config.h }, (_, i) => ({ k: i + 1, accuracy: m.evaluator.run(firstHeads(m.config, i + 1)).accuracy }));
}

/** Keep-one-per-layer: the mask that keeps each layer's highest-scoring head. */
export function bestPerLayer(importance: readonly { layer: number; head: number; score: number }[], c: Pick<ModelConfig, 'layers' | 'h'>): HeadMask {
  return Array.from({ length: c.layers }, (_, layer) => {
    const best = importance.filter((x) => x.layer === layer).reduce((a, b) => (b.score > a.score ? b : a));
    return Array.from({ length: c.h }, (_, head) => (head === best.head ? 1 : 0));
  });
}
