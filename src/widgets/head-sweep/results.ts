/**
 * Which models the sweep widget shows for a state, and what it says about them: the
 * shipped run, runs trained here (kept per seed and steps), a run in progress; whether a
 * run here reproduced the shipped numbers. Pure: no DOM.
 */
import type { LabSettings, SweepModel } from '../../training/lab';
import type { TrainPoint } from '../../training/train';
import type { HeadSweepState } from './state';

/** The shipped sweep (content/lab/results.json): its settings and one model per h and seed (settings.sweep.seeds). */
export interface Shipped {
  settings: LabSettings;
  sweep: SweepModel[];
}

/** Where a model on screen comes from. */
export type Source = 'shipped' | 'here' | 'training';

/** A model as drawn: its curve, and its final scores once it has them. */
export interface ShownModel {
  h: number;
  history: TrainPoint[];
  /** Final accuracy and loss on the whole test set (absent while training). */
  accuracy?: number;
  loss?: number;
  source: Source;
}

/** What the output area draws. */
export interface SweepView {
  models: ShownModel[];
  /** Head counts asked for that have no model yet (not trained for these settings). */
  missing: number[];
  /** No model fits the settings: the shipped run is shown instead. */
  fallback: boolean;
  /** Seed and steps of what is shown. */
  seed: number;
  steps: number;
  /** Seed and steps the reader asked for (differ from the above in a fallback). */
  asked: { seed: number; steps: number };
}

/** Models trained here, by run (seed and steps), then by h. */
export type LiveRuns = Map<string, Map<number, SweepModel>>;

/** Key of a run in {@link LiveRuns}. */
export const runKey = (s: { seed: number; steps: number }) => `${s.seed}/${s.steps}`;

/** Do these seed and steps train exactly shipped models (one of the shipped seeds, at the shipped steps)? */
export function isShippedRun(s: { seed: number; steps: number }, shipped: Shipped): boolean {
  return s.steps === shipped.settings.train.steps && shipped.sweep.some((m) => m.seed === s.seed);
}

/** The shipped model with this h and seed, if the lab trained it. */
export function shippedModel(shipped: Shipped, h: number, seed: number): SweepModel | undefined {
  return shipped.sweep.find((m) => m.h === h && m.seed === seed);
}

const shown = (m: SweepModel, source: Source): ShownModel => ({ h: m.h, history: m.history, accuracy: m.accuracy, loss: m.loss, source });

/**
 * The models to draw for a state: for each h asked for, the one trained here with these
 * seed and steps, else the shipped one when the lab trained these seed and steps. When
 * none fits, the shipped run of the lab's main seed, marked as a fallback.
 */
export function viewFor(state: HeadSweepState, shipped: Shipped, live: LiveRuns): SweepView {
  const mine = live.get(runKey(state));
  const shippedRun = isShippedRun(state, shipped);
  const models: ShownModel[] = [];
  const missing: number[] = [];
  for (const h of state.hs) {
    const here = mine?.get(h);
    const ship = shippedRun ? shippedModel(shipped, h, state.seed) : undefined;
    if (here) models.push(shown(here, 'here'));
    else if (ship) models.push(shown(ship, 'shipped'));
    else missing.push(h);
  }
  const asked = { seed: state.seed, steps: state.steps };
  if (models.length > 0) return { models, missing, fallback: false, ...asked, asked };
  const { seed, steps } = shipped.settings.train;
  return { models: shipped.sweep.filter((m) => m.seed === seed).map((m) => shown(m, 'shipped')), missing, fallback: true, seed, steps, asked };
}

/** A run in progress: the models it finished, and the curve so far of the one it is training. */
export interface RunInProgress {
  state: HeadSweepState;
  models: SweepModel[];
  current: { h: number; history: TrainPoint[] } | null;
}

/** The view of a run in progress (finished models, then the one being trained). */
export function viewOfRun(run: RunInProgress): SweepView {
  const models = run.models.map((m) => shown(m, 'here'));
  if (run.current && run.current.history.length > 0) models.push({ h: run.current.h, history: run.current.history, source: 'training' });
  const done = new Set(models.map((m) => m.h));
  const asked = { seed: run.state.seed, steps: run.state.steps };
  return { models, missing: run.state.hs.filter((h) => !done.has(h)), fallback: false, ...asked, asked };
}

/** Losses closer than this are the same number computed twice (same operations, same order). */
const LOSS_TOLERANCE = 1e-9;

/**
 * Compare a model trained here with the shipped one of the same h: final accuracy and
 * loss (both rounded to 6 decimals by the lab) and every point of the curve. Returns the
 * differences found, in words; none means reproduced.
 */
export function differences(here: SweepModel, shipped: SweepModel): string[] {
  const out: string[] = [];
  if (here.accuracy !== shipped.accuracy) out.push(`final accuracy ${percent(here.accuracy)} here, ${percent(shipped.accuracy)} shipped`);
  if (here.loss !== shipped.loss) out.push(`final loss ${here.loss.toFixed(6)} here, ${shipped.loss.toFixed(6)} shipped`);
  const n = Math.max(here.history.length, shipped.history.length);
  for (let i = 0; i < n; i++) {
    const a = here.history[i];
    const b = shipped.history[i];
    const same = a && b && a.step === b.step && a.test.accuracy === b.test.accuracy
      && Math.abs(a.test.loss - b.test.loss) <= LOSS_TOLERANCE && Math.abs(a.trainLoss - b.trainLoss) <= LOSS_TOLERANCE;
    if (!same) {
      out.push(`the curves part at ${a ? `step ${a.step}` : `point ${i + 1}`}`);
      break;
    }
  }
  return out;
}

/** The verdict on models trained here with the shipped settings, or null when there is nothing to compare. */
export function reproduction(view: SweepView, shipped: Shipped, live: LiveRuns): { reproduced: boolean; text: string } | null {
  if (!isShippedRun(view, shipped)) return null;
  const mine = live.get(runKey(view));
  const pairs = view.models.filter((m) => m.source === 'here').map((m) => ({ here: mine?.get(m.h), ship: shippedModel(shipped, m.h, view.seed) }));
  const compared = pairs.filter((p): p is { here: SweepModel; ship: SweepModel } => !!p.here && !!p.ship);
  if (compared.length === 0) return null;
  const bad = compared.map((p) => ({ h: p.here.h, diff: differences(p.here, p.ship) })).filter((p) => p.diff.length > 0);
  const count = compared.length === 1 ? `the model with h = ${compared[0].here.h}` : compared.length === 2 ? 'both models' : `all ${compared.length} models`;
  if (bad.length === 0) {
    const verb = compared.length === 1 ? 'matches' : 'match';
    return { reproduced: true, text: `Reproduced: ${count} trained here ${verb} the shipped numbers exactly (final accuracy and loss to 6 decimals, and every point of the curve).` };
  }
  return { reproduced: false, text: `Not reproduced: ${bad.map((b) => `h = ${b.h}: ${b.diff.join('; ')}`).join('. ')}.` };
}

/** A fraction as a percentage with one decimal. */
export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** "1", "1 and 2", "1, 2 and 4". */
export function listHs(hs: readonly number[]): string {
  const names = hs.map((h) => `h = ${h}`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One paragraph on what is shown: where it comes from, and the best and worst h. */
export function summarize(view: SweepView): string {
  const scored = view.models.filter((m): m is ShownModel & { accuracy: number } => m.accuracy !== undefined);
  const settings = `seed ${view.seed}, ${view.steps} steps`;
  const sources = new Set(view.models.map((m) => m.source));
  let lead: string;
  if (view.fallback) {
    lead = `Nothing trained yet with seed ${view.asked.seed} and ${view.asked.steps} steps, so the shipped results (${settings}) are shown. “Run the sweep here” trains the settings above.`;
  } else if (sources.size === 1 && sources.has('shipped')) {
    lead = `Shipped results (${settings}), computed by npm run lab.`;
  } else if (sources.has('training')) {
    lead = `Training here (${settings}).`;
  } else if (sources.size === 1) {
    lead = `Trained here (${settings}).`;
  } else {
    const here = view.models.filter((m) => m.source === 'here').map((m) => m.h);
    const ship = view.models.filter((m) => m.source === 'shipped').map((m) => m.h);
    lead = `Seed ${view.seed}, ${view.steps} steps: ${listHs(here)} trained here; ${listHs(ship)} from the shipped run (dashed).`;
  }
  const missing = !view.fallback && view.missing.length > 0 ? ` Not trained yet: ${listHs(view.missing)}.` : '';
  if (scored.length < 2) return lead + missing;
  const best = scored.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const worst = scored.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
  return `${lead} Highest final accuracy: h = ${best.h} (${percent(best.accuracy)}); lowest: h = ${worst.h} (${percent(worst.accuracy)}).${missing}`;
}

/** "h = 4 (model 3 of 5): step 150 of 300". */
export function progressText(h: number, index: number, count: number, step: number, steps: number): string {
  return `h = ${h} (model ${index + 1} of ${count}): step ${step} of ${steps}`;
}

/** Fraction of a whole sweep done when model `index` has reached `step`. */
export function sweepFraction(index: number, count: number, step: number, steps: number): number {
  return Math.min(1, (index + step / steps) / count);
}

/** What the status line says after a cancel. */
export function cancelledText(finished: readonly SweepModel[], partial: { h: number; step: number } | null, steps: number): string {
  const kept = finished.length > 0 ? `${listHs(finished.map((m) => m.h))} finished and ${finished.length === 1 ? 'is' : 'are'} kept` : 'no model had finished';
  const stopped = partial ? `; h = ${partial.h} was stopped at step ${partial.step} of ${steps} and dropped` : '';
  return `Cancelled after ${kept}${stopped}. Run again to train the rest.`;
}
