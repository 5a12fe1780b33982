/**
 * State of the head-count sweep (lesson 6): what a live run trains. The width, data and
 * everything else stay as in the shipped lab run; the reader picks the seed, the
 * training steps and which h to train; and the fields that show and check it. Plain,
 * serialisable, validated here; no DOM.
 */
import { t } from '../../i18n/strings';
import { LAB_DEFAULTS } from '../../training/lab';
import { defineFields, fieldKit, type FieldName } from '../common/fields';
import { headsProblem } from '../common/heads';
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

/** Check one head count against d_model (the shared heads rule); the message names the nearest valid h. */
export function checkOneH(text: string, dModel: number = D_MODEL): Checked<number> {
  if (!/^[-+]?\d+$/.test(text)) return { ok: false, error: `“${clip(text)}” is not a whole number. Type head counts separated by commas, such as 1, 4, 16.` };
  const h = Number(text);
  if (h < 1) return { ok: false, error: `h = ${clip(text)}: a layer needs at least one head.` };
  const problem = headsProblem(dModel, h);
  return problem ? { ok: false, error: problem } : { ok: true, value: h };
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

const f = fieldKit<HeadSweepState>();

/** The widget's fields, in order: its controls and its URL parameters (hs.seed, hs.steps, hs.heads). */
export const FIELDS = defineFields('head-sweep', DEFAULT_STATE, [
  { name: 'seed', kind: 'number', label: t.sweep.seed, hint: t.sweep.seedHint(LIMITS.maxSeed), ...f.bind('seed', checkSeed) },
  { name: 'steps', kind: 'number', label: t.sweep.steps, hint: t.sweep.stepsHint(LIMITS.minSteps, LIMITS.maxSteps), ...f.bind('steps', checkSteps) },
  { name: 'heads', kind: 'text', label: t.sweep.heads, hint: t.sweep.headsHint(D_MODEL), ...f.bind('hs', (text) => checkHs(text), formatHs) },
]);

/** A field name of this widget. */
export type HeadSweepField = FieldName<typeof FIELDS>;
