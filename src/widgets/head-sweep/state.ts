/**
 * State of the head-count sweep (lesson 6): what a live run trains. The width, data and
 * everything else stay as in the shipped lab run; the reader picks the seed, the
 * training steps and which h to train. Plain, serialisable, validated here; no DOM.
 */
import { nearestDivisors } from '../../attention/heads';
import { LAB_DEFAULTS } from '../../training/lab';
import { textField, type Field } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface HeadSweepState {
  /** Seed of the initial weights and of the training batches. */
  seed: number;
  /** Training steps of each model. */
  steps: number;
  /** Head counts to train, ascending, each dividing d_model. */
  hs: number[];
}

/** Width of every model in the sweep (the lab's d_model). */
export const D_MODEL = LAB_DEFAULTS.model.dModel;

/**
 * Bounds of a live run. At most 600 steps keeps a sweep of all five head counts within
 * about half a minute in a browser Worker (tests/bench/head-sweep.ts measures it).
 */
export const LIMITS = { minSteps: 10, maxSteps: 600, maxSeed: 999_999 } as const;

/** The shipped run: seed 1, 300 steps, h ∈ {1, 2, 4, 8, 16} (the lab's defaults). */
export const DEFAULT_STATE: Readonly<HeadSweepState> = Object.freeze({
  seed: LAB_DEFAULTS.train.seed, steps: LAB_DEFAULTS.train.steps, hs: Object.freeze([...LAB_DEFAULTS.sweep.hs]) as number[],
});

/** Every h that divides `dModel`, ascending. */
export function divisorsOf(dModel: number = D_MODEL): number[] {
  return Array.from({ length: dModel }, (_, i) => i + 1).filter((h) => dModel % h === 0);
}

/** Check one head count against d_model; the message names the nearest valid h. */
export function checkOneH(text: string, dModel: number = D_MODEL): Checked<number> {
  if (!/^[-+]?\d+$/.test(text)) return { ok: false, error: `“${clip(text)}” is not a whole number. Type head counts separated by commas, such as 1, 4, 16.` };
  const h = Number(text);
  if (h < 1) return { ok: false, error: `h = ${clip(text)}: a layer needs at least one head.` };
  if (h > dModel) return { ok: false, error: `h = ${clip(text)} is more heads than d_model (${dModel}) has dimensions: the most is h = ${dModel}, with heads one number wide.` };
  if (dModel % h !== 0) {
    return { ok: false, error: `d_model (${dModel}) is not divisible by h (${h}), so the heads cannot share it equally; nearest valid h: ${nearestDivisors(dModel, h).join(' or ')}.` };
  }
  return { ok: true, value: h };
}

/** Check a list of head counts ("1, 2, 4", spaces or commas): sorted, without repeats. */
export function checkHs(text: string, dModel: number = D_MODEL): Checked<number[]> {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: `Type one or more head counts, such as ${divisorsOf(dModel).join(', ')}.` };
  const hs = new Set<number>();
  for (const part of parts) {
    const r = checkOneH(part, dModel);
    if (!r.ok) return r;
    hs.add(r.value);
  }
  return { ok: true, value: [...hs].sort((a, b) => a - b) };
}

/** Check the training steps of each model. */
export function checkSteps(text: string): Checked<number> {
  const r = parseWholeNumber(text, { name: 'number of steps', min: LIMITS.minSteps, max: LIMITS.maxSteps });
  if (!r.ok && /out of range/.test(r.error)) {
    return { ok: false, error: `${clip(text.trim())} steps is out of range: use ${LIMITS.minSteps} to ${LIMITS.maxSteps}; more would make a sweep too long to wait for here.` };
  }
  return r;
}

/** Check a typed seed: a whole number from 0 to 999999. */
export function checkSeed(text: string): Checked<number> {
  return parseWholeNumber(text, { name: 'seed', min: 0, max: LIMITS.maxSeed });
}

/** The head counts as the box shows them. */
export const formatHs = (hs: readonly number[]) => hs.join(', ');

/** The widget's controls, in order; they also define its URL parameters (hs.seed, hs.steps, hs.heads). */
export const FIELDS: readonly Field<HeadSweepState>[] = [
  textField('seed', 'seed', checkSeed),
  textField('steps', 'steps', checkSteps),
  textField('hs', 'heads', (text) => checkHs(text), formatHs),
];
