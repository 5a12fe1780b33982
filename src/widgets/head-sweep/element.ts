/**
 * <head-sweep>: lesson 6's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). It opens on the
 * shipped sweep; "Run the sweep here" trains one model per h in a Worker (job.ts), with
 * progress, curves drawn as they come (at most once per frame) and cancel (button or
 * Esc), which keeps the models that finished.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { SweepCancelled, SweepJob } from './job';
import { fillCurves, renderOutput, updateCurves, updateOutput, type OutputInfo } from './render';
import { cancelledText, progressText, reproduction, runKey, sweepFraction, viewFor, viewOfRun, type LiveRuns, type RunInProgress, type Shipped, type SweepView } from './results';
import { sweepSettings } from './run';
import { DEFAULT_STATE, FIELDS, type HeadSweepField, type HeadSweepState } from './state';
import { t } from '../../i18n/strings';

const s = t.sweep;

interface Context {
  shipped: Shipped | null;
  /** Models trained here, kept per seed and steps. */
  live: LiveRuns;
  job: SweepJob | null;
  run: RunInProgress | null;
  /** Pending animation frame of a live redraw (0: none). */
  frame: number;
  /** A model finished since the last live redraw: bars and tables change too, not just the curves. */
  modelDone: boolean;
  /** What the output area shows now (to fill the curves table when it is opened). */
  view: SweepView | null;
}

type HeadSweep = WidgetElement<HeadSweepState, Context, HeadSweepField>;

/** The shipped sweep the shell put in the page as JSON. */
function readShipped(el: HTMLElement): Shipped {
  const text = el.querySelector('script[data-shipped]')?.textContent;
  if (!text) throw new Error('the shipped results are missing from the page');
  return JSON.parse(text) as Shipped;
}

function infoFor(view: SweepView, ctx: Context, shipped: Shipped): OutputInfo {
  return { dModel: shipped.settings.model.dModel, vocab: shipped.settings.task.vocab, verdict: ctx.run ? null : reproduction(view, shipped, ctx.live) };
}

function draw(out: HTMLElement, view: SweepView, info: OutputInfo, ctx: Context, curvesOnly = false): void {
  ctx.view = view;
  const current = out.firstElementChild as HTMLElement | null;
  if (current && (curvesOnly ? updateCurves(current, view, info) : updateOutput(current, view, info))) return;
  out.replaceChildren(renderOutput(document, view, info, { curvesTable: false }));
}

const part = <T extends Element = HTMLElement>(el: Element, sel: string) => el.querySelector<T>(sel)!;

function redraw(out: HTMLElement, state: HeadSweepState, ctx: Context, el: HeadSweep): void {
  const shipped = (ctx.shipped ??= readShipped(el));
  if (ctx.run) return; // the run in progress owns the picture; controls are disabled meanwhile
  const view = viewFor(state, shipped, ctx.live);
  draw(out, view, infoFor(view, ctx, shipped), ctx);
  part(el, '[data-plan]').textContent = s.idle(state.hs.length, state.steps);
}

/** Lock the settings during a run (Cancel stays), and unlock after. */
function setBusy(el: HeadSweep, busy: boolean): void {
  const run = part<HTMLButtonElement>(el, '[data-action="run"]');
  const cancel = part<HTMLButtonElement>(el, '[data-action="cancel"]');
  // Focus on Cancel (or nowhere) goes back to Run when the run ends, not to the page.
  const refocus = !busy && (document.activeElement === cancel || document.activeElement === document.body);
  for (const f of FIELDS) el.control(f.name)?.toggleAttribute('disabled', busy);
  part<HTMLButtonElement>(el, '[data-action="reset"]').disabled = busy;
  run.disabled = busy;
  cancel.disabled = !busy;
  part(el, '[data-progress]').hidden = !busy;
  el.toggleAttribute('data-running', busy);
  if (busy) cancel.focus();
  else if (refocus) run.focus();
}

function showProgress(el: HeadSweep, text: string, fraction: number): void {
  const bar = part<HTMLProgressElement>(el, '[data-progress] progress');
  bar.value = fraction;
  bar.setAttribute('aria-valuetext', text);
  part(el, '[data-progress-text]').textContent = text;
}

/**
 * Draw the run in progress at the next frame, at most once per frame: only the curves
 * after an evaluation, everything after a model has finished.
 */
function schedule(el: HeadSweep, ctx: Context): void {
  if (ctx.frame) return;
  ctx.frame = requestAnimationFrame(() => {
    ctx.frame = 0;
    if (!ctx.run || !ctx.shipped) return;
    const view = viewOfRun(ctx.run);
    draw(part(el, '[data-output]'), view, infoFor(view, ctx, ctx.shipped), ctx, !ctx.modelDone);
    ctx.modelDone = false;
  });
}

/** Train the models of the current state in a worker, one after the other. */
function start(el: HeadSweep, ctx: Context): void {
  const status = part(el, '[data-status]');
  if (ctx.job || !ctx.shipped) return;
  if (el.querySelector('[aria-invalid="true"]')) {
    status.textContent = s.fixFirst;
    return;
  }
  const state = el.value;
  const run: RunInProgress = { state, models: [], current: null };
  const key = runKey(state);
  const kept = ctx.live.get(key) ?? new Map();
  ctx.live.set(key, kept);
  ctx.run = run;
  status.textContent = '';
  showProgress(el, s.starting, 0);
  setBusy(el, true);
  const t0 = performance.now();
  const count = state.hs.length;
  const job = new SweepJob(sweepSettings(ctx.shipped.settings, state), {
    progress(h, index, point) {
      if (run.current?.h !== h) run.current = { h, history: [] };
      run.current.history.push(point);
      showProgress(el, progressText(h, index, count, point.step, state.steps), sweepFraction(index, count, point.step, state.steps));
      schedule(el, ctx);
    },
    model(model) {
      run.models.push(model);
      run.current = null;
      kept.set(model.h, model); // kept even if the run is cancelled later
      ctx.modelDone = true;
      schedule(el, ctx);
    },
  });
  ctx.job = job;
  job.done.then(
    (result) => (status.textContent = s.finished(result.models.length, ((performance.now() - t0) / 1000).toFixed(1))),
    (err: unknown) => (status.textContent = err instanceof SweepCancelled ? cancelledText(err.models, err.partial, state.steps) : s.failed((err as Error).message)),
  ).finally(() => {
    cancelAnimationFrame(ctx.frame);
    ctx.frame = 0;
    ctx.job = null;
    ctx.run = null;
    if (kept.size === 0) ctx.live.delete(key);
    setBusy(el, false);
    redraw(part(el, '[data-output]'), el.value, ctx, el);
  });
}

function setup(el: HeadSweep, ctx: Context): void {
  part(el, '[data-run]').hidden = false;
  part(el, '[data-action="run"]').addEventListener('click', () => start(el, ctx));
  part(el, '[data-action="cancel"]').addEventListener('click', () => ctx.job?.cancel());
  // The curves table is filled when opened, not at every redraw (it is hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.view) fillCurves(details, ctx.view);
  }, true);
  // Esc cancels a run wherever the focus is (a run locks the widget's settings anyway).
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && ctx.job) {
      event.preventDefault();
      ctx.job.cancel();
    }
  });
}

/** Register <head-sweep>. */
export function defineHeadSweep(): void {
  defineWidget({
    tag: 'head-sweep', defaults: DEFAULT_STATE, fields: FIELDS,
    context: () => ({ shipped: null, live: new Map(), job: null, run: null, frame: 0, modelDone: false, view: null }), redraw, setup,
  });
}

export type { HeadSweep };
