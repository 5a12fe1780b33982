/**
 * <head-ablation>: lesson 7's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: the trained model is fetched when the widget starts; the head switches and
 * presets set the mask; the first-k table is computed once the model is in; and the
 * model can be retrained in a Web Worker with progress, a live curve and cancel.
 */
import { describeDifference } from '../../cells/compare';
import type { LabWeights, MaskedSumDrive } from '../../cells/drivers';
import { t } from '../../i18n/strings';
import { labResults } from '../../lib/lab';
import { allocateParams, labConfig, LAB_DEFAULTS, type Checkpoint, type ModelParams, type TrainPoint } from '../../training';
import { drawnFor } from '../../charts/svg';
import { chartsFit } from '../common/dom';
import { defineWidget, type EditHook, type WidgetElement } from '../common/element';
import { loadCheckpoint } from '../../workers/checkpoint';
import { Cancelled, TrainingJob } from '../../workers/client';
import { bestPerLayer, firstHeadsRows, labModel, viewFor, type LabModel } from './model';
import { renderAblation, renderCurve, renderFirstHeads, syncSwitches, updateAblation } from './render';
import { DEFAULT_STATE, FIELDS, SHAPE, toggled, type AblationField, type AblationState } from './state';

const s = t.ablation;

interface Context {
  model: LabModel | null;
  /** The shipped weights, to compare a retrained model with. */
  shipped: ModelParams | null;
  job: TrainingJob | null;
}

type El = WidgetElement<AblationState, Context, AblationField>;

function redraw(out: HTMLElement, state: AblationState, ctx: Context, el: El): void {
  syncSwitches(el, state.mask);
  if (!ctx.model) {
    out.setAttribute('aria-busy', 'true'); // the static drawing stays until the model is in
    return;
  }
  out.removeAttribute('aria-busy');
  const view = viewFor(ctx.model, state);
  if (!updateAblation(out, view)) out.replaceChildren(renderAblation(document, view));
}

/** Put a (shipped or retrained) model in use and redraw everything that depends on it. */
function useModel(el: El, ctx: Context, checkpoint: Checkpoint): void {
  ctx.model = labModel(checkpoint);
  el.value = el.value; // redraw the output with the model
  const box = el.querySelector<HTMLElement>('[data-first-heads]');
  box?.replaceChildren(renderFirstHeads(document, firstHeadsRows(ctx.model), ctx.model.full.accuracy));
  warmWhenIdle(ctx.model);
}

/**
 * Switching a layer-1 head changes layer 2's input, and the first time a given layer-1
 * mask is seen its layer-2 terms must be computed (tens of ms). Compute all of them while
 * the page is idle, one per idle slot, so that later clicks only add and read out.
 */
function warmWhenIdle(model: LabModel): void {
  const { layers, h } = model.config;
  if (layers < 2) return;
  const firstLayerMasks = Array.from({ length: 2 ** h }, (_, bitsOn) => Array.from({ length: h }, (_, head) => (bitsOn >> head) & 1));
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 50));
  const next = () => {
    const row = firstLayerMasks.pop();
    if (!row) return;
    model.evaluator.warm([row, ...Array.from({ length: layers - 1 }, () => new Array<number>(h).fill(1))]);
    idle(next);
  };
  idle(next);
}

function setPreset(el: El, preset: string): void {
  const c = { layers: SHAPE.layers, h: SHAPE.h };
  let mask = DEFAULT_STATE.mask.map((row) => row.map(() => 1));
  if (preset.startsWith('first-')) {
    const k = Number(preset.slice(6));
    mask = mask.map((row) => row.map((_, head) => (head < k ? 1 : 0)));
  } else if (preset === 'best') {
    mask = bestPerLayer(labResults.importance, c);
  }
  el.value = { ...el.value, mask };
}

/** The largest |difference| between two models' parameters (Infinity when their shapes differ). */
function largestDifference(a: ModelParams, b: ModelParams): number {
  if (a.flat.length !== b.flat.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.flat.length; i++) max = Math.max(max, Math.abs(a.flat[i] - b.flat[i]));
  return max;
}

/** The training curve (shipped, and a live run if any), drawn for the width of its box. */
function drawCurve(box: HTMLElement, live: readonly TrainPoint[] | null): void {
  box.replaceChildren(drawnFor(box.clientWidth, () => renderCurve(document, labResults.history, live)));
}

function retrain(el: El, ctx: Context): void {
  if (ctx.job) return;
  const q = <T extends Element>(sel: string) => el.querySelector<T>(sel)!;
  const [button, cancel, bar, text, status, curve] = [
    q<HTMLButtonElement>('[data-action="retrain"]'), q<HTMLButtonElement>('[data-action="cancel"]'), q<HTMLProgressElement>('progress'),
    q<HTMLElement>('[data-progress-text]'), q<HTMLElement>('[data-retrain-status]'), q<HTMLElement>('[data-curve]'),
  ];
  const steps = LAB_DEFAULTS.train.steps;
  const live: TrainPoint[] = [];
  const finish = (message: string) => {
    ctx.job = null;
    button.hidden = false;
    cancel.hidden = true;
    bar.hidden = true;
    text.textContent = '';
    status.textContent = message;
    button.focus();
  };
  button.hidden = true;
  cancel.hidden = false;
  bar.hidden = false;
  bar.value = 0;
  status.textContent = '';
  text.textContent = s.progress(0, steps);
  cancel.focus();
  const job = new TrainingJob(LAB_DEFAULTS, (point, fraction) => {
    live.push(point);
    bar.value = fraction;
    text.textContent = s.progress(point.step, steps);
    drawCurve(curve, live);
  });
  ctx.job = job;
  job.done.then((run) => {
    const params = allocateParams(labConfig(LAB_DEFAULTS), run.flat);
    useModel(el, ctx, { settings: LAB_DEFAULTS, params });
    const seconds = (run.ms / 1000).toFixed(1);
    const diff = ctx.shipped ? largestDifference(params, ctx.shipped) : null;
    finish(diff === null ? s.trainedInstead(seconds) : s.reproduced(seconds, diff === 0 ? s.identical : diff.toExponential(1)));
  }, (err: unknown) => {
    finish(err instanceof Cancelled ? s.cancelled(err.history.at(-1)?.step ?? 0, steps) : s.failed((err as Error).message));
  });
}

function setup(el: El, ctx: Context): void {
  // The build-time training curve was drawn for a desktop: on a phone, draw it for its room.
  const curve = el.querySelector<HTMLElement>('[data-curve]');
  if (curve && !chartsFit(curve)) drawCurve(curve, null);
  el.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLButtonElement>('button');
    if (!target || !el.contains(target)) return;
    if (target.classList.contains('ab-head')) {
      el.value = { ...el.value, mask: toggled(el.value.mask, Number(target.dataset.layer), Number(target.dataset.head)) };
    } else if (target.dataset.preset) {
      setPreset(el, target.dataset.preset);
    } else if (target.dataset.action === 'retrain') {
      retrain(el, ctx);
    } else if (target.dataset.action === 'cancel') {
      ctx.job?.cancel();
    }
  });
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && ctx.job) ctx.job.cancel();
  });
  const earlier = el.querySelector('[data-notice]')?.textContent ?? ''; // say, a link's ignored parameter
  const withEarlier = (text: string) => [earlier, text].filter(Boolean).join(' ');
  el.notice(withEarlier(s.loading));
  void loadCheckpoint().then((load) => {
    if (!load.ok) {
      el.notice(withEarlier(`${load.message} ${s.retrainHint}`));
      return;
    }
    ctx.shipped = load.checkpoint.params;
    if (!ctx.model) useModel(el, ctx, load.checkpoint);
    el.notice(earlier);
  });
}

/**
 * Lesson 7's widget with the reader's maskedSum: every layer's sum (residual + Σ ξ_h·C_h)
 * runs in the reader's function, the MLP and the readout stay the course's, and each sum is
 * compared with the course's on the same input. It all runs in the cell worker (the
 * `masked-sum` driver), so the test set's matrices never cross to the page. Nothing of it
 * is cached here, so going back to the course's code draws from the course's numbers again.
 */
const edits: EditHook<AblationState, Context, AblationField> = {
  names: ['maskedSum'],
  async redraw(out, state, ctx, el, name, call) {
    syncSwitches(el, state.mask);
    if (!ctx.model) throw new Error('the trained model has not loaded yet (it is drawn with your code once it has)');
    const { checkpoint, config, full, examples } = ctx.model;
    const weights: LabWeights = { settings: checkpoint.settings, flat: checkpoint.params.flat };
    const r = (await call([weights, state.mask], { driver: 'masked-sum' })) as MaskedSumDrive;
    const view = { state, run: r, full, examples };
    el.drawForFrame(() => {
      if (!updateAblation(out, view)) out.replaceChildren(renderAblation(document, view));
    });
    const what = 'layer sum (residual + heads)';
    if (!r.worst) return { what, text: 'No layer was summed.', maxAbsDiff: null };
    const { layer, difference } = r.worst;
    const rowName = (i: number) => `layer ${layer + 1}, test sequence ${Math.floor(i / config.seqLen) + 1}, position ${(i % config.seqLen) + 1}`;
    const text = describeDifference(difference, what, rowName, (j) => `coordinate ${j + 1}`);
    return { what, text, maxAbsDiff: difference.kind === 'values' ? difference.maxAbsDiff : null };
  },
};

/** Register <head-ablation>. */
export function defineHeadAblation(): void {
  defineWidget({
    tag: 'head-ablation', defaults: DEFAULT_STATE, fields: FIELDS,
    context: () => ({ model: null, shipped: null, job: null }), redraw, setup, edits,
  });
}

export type HeadAblation = El;
