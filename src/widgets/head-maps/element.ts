/**
 * <head-maps>: lesson 8's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: the trained model is fetched when the widget starts (loadCheckpoint; a missing or
 * corrupt file is said in the widget, the static picture stays), the held-out role scores
 * are computed once, a slice at a time; the maps are refilled in place when the number of
 * tokens is unchanged; the small maps select a head (click, Enter, arrow keys between
 * them); arrow keys read the large map cell by cell.
 */
import { CHECKPOINT_URL, loadCheckpoint } from '../../workers/checkpoint';
import { t } from '../../i18n/strings';
import { cellAfterKey } from '../common/cellKeys';
import { chartsFit } from '../common/dom';
import { defineWidget, type WidgetElement } from '../common/element';
import { modelFromCheckpoint, scoreHeldOut } from './model';
import { computeHeadMaps, describeCell, fillWeightsTable, focusHeadMaps, renderHeadMaps, showHeldOut, updateHeadMaps, type Focus, type HeadMapsComputed, type HeadMapsModel } from './render';
import { DEFAULT_STATE, FIELDS, type HeadMapsField, type HeadMapsState } from './state';

const s = t.looking;

interface Context {
  model: HeadMapsModel | null;
  computed: HeadMapsComputed | null;
  focus: Focus | null;
  /** The output area still shows the picture made at build time (the default state). */
  static: boolean;
}

type El = WidgetElement<HeadMapsState, Context, HeadMapsField>;

function redraw(out: HTMLElement, state: HeadMapsState, ctx: Context): void {
  if (!ctx.model) return; // not loaded (yet): the last picture stays
  ctx.computed = computeHeadMaps(ctx.model, state);
  const n = state.tokens.length;
  if (ctx.focus && (ctx.focus[0] >= n || ctx.focus[1] >= n)) ctx.focus = null;
  ctx.static = false;
  const current = out.firstElementChild as HTMLElement | null;
  if (current && updateHeadMaps(current, state, ctx.model, ctx.computed, ctx.focus)) return;
  const refocus = (document.activeElement as HTMLElement | null)?.closest?.('[data-map="head"], .hm-pick');
  const pick = refocus?.classList.contains('hm-pick') ? `.hm-pick[data-layer="${state.layer}"][data-head="${state.head}"]` : refocus ? '[data-map="head"]' : null;
  const open = out.querySelector<HTMLDetailsElement>('details.alt')?.open ?? false;
  out.replaceChildren(renderHeadMaps(document, state, ctx.model, ctx.computed, ctx.focus));
  if (open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
  if (pick) out.querySelector<HTMLElement>(pick)?.focus();
}

const sameState = (a: HeadMapsState, b: HeadMapsState) => a.layer === b.layer && a.head === b.head && a.tokens.join() === b.tokens.join();

/** Inputs of the form and the small maps, on or off. */
function setEnabled(el: El, on: boolean): void {
  el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('[data-controls] input, [data-controls] select, .hm-pick').forEach((c) => { c.disabled = !on; });
}

function setStatus(el: El, text: string, retry = false): void {
  const status = el.querySelector<HTMLElement>('[data-model-status]');
  if (status) {
    status.textContent = text;
    status.hidden = text === '';
  }
  const button = el.querySelector<HTMLButtonElement>('[data-action="retry-model"]');
  if (button) button.hidden = !retry;
}

async function loadModel(el: El, ctx: Context): Promise<void> {
  setStatus(el, s.loading);
  const loaded = await loadCheckpoint(el.dataset.checkpoint || CHECKPOINT_URL);
  const made = loaded.ok ? modelFromCheckpoint(loaded.checkpoint) : loaded;
  if (!made.ok) {
    setEnabled(el, false);
    setStatus(el, `${made.message} ${s.staticNote}`, true);
    return;
  }
  const model = made.model;
  ctx.model = model;
  setEnabled(el, true);
  const out = el.querySelector<HTMLElement>('[data-output]')!;
  // The build-time picture is the default state: keep it (and only compute) unless the state
  // moved on or the picture was drawn wider than the room it has (a phone).
  if (ctx.static && sameState(el.value, DEFAULT_STATE) && chartsFit(out)) ctx.computed = computeHeadMaps(model, el.value);
  else el.value = el.value; // through the widget base, which draws for the output's width
  if (!loaded.ok) return;
  model.heldOut = await scoreHeldOut(model, loaded.checkpoint.settings, (done, total) => setStatus(el, s.scoring(done, total)));
  setStatus(el, '');
  const current = out.firstElementChild as HTMLElement | null;
  if (current && ctx.computed) showHeldOut(current, el.value, model, ctx.computed);
}

function setup(el: El, ctx: Context): void {
  const out = el.querySelector<HTMLElement>('[data-output]')!;
  const start = () => loadModel(el, ctx).catch((err: Error) => setStatus(el, `The trained model could not be used: ${err.message}`, true));
  void start();
  el.querySelector('[data-action="retry-model"]')?.addEventListener('click', () => void start());
  const isMap = (target: EventTarget | null) => (target as HTMLElement | null)?.getAttribute?.('data-map') === 'head';
  const moveFocus = (focus: Focus) => {
    if (!ctx.computed) return;
    ctx.focus = focus;
    focusHeadMaps(out, el.value, ctx.computed, focus);
  };
  el.addEventListener('click', (event) => {
    const pick = (event.target as Element).closest?.<HTMLButtonElement>('.hm-pick');
    if (!pick || !ctx.model || pick.disabled) return;
    el.value = { ...el.value, layer: Number(pick.dataset.layer), head: Number(pick.dataset.head) };
  });
  el.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.classList?.contains('hm-pick')) return movePick(el, target, event);
    if (!isMap(target) || !ctx.computed) return;
    const next = cellAfterKey(event.key, ctx.focus, ctx.computed.tokens.length);
    if (!next) return;
    event.preventDefault();
    moveFocus(next);
  });
  el.addEventListener('focusin', (event) => {
    if (isMap(event.target) && ctx.focus === null && ctx.computed) moveFocus([0, 0]);
  });
  el.addEventListener('pointerover', (event) => {
    const rect = (event.target as Element).closest?.('[data-map="head"] rect[data-row]');
    const readout = el.querySelector('.hm-readout');
    if (rect && ctx.computed && readout) readout.textContent = describeCell(el.value, ctx.computed, [Number(rect.getAttribute('data-row')), Number(rect.getAttribute('data-col'))]);
  });
  el.querySelector('[data-action="reset"]')?.addEventListener('click', () => { ctx.focus = null; }, { capture: true });
  // The weights table is refilled when opened, not on every update (it is hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.computed) fillWeightsTable(details, el.value, ctx.computed);
  }, true);
}

/** Arrow keys move between the small maps: ←/→ along a layer, ↑/↓ across layers. */
function movePick(el: El, pick: HTMLElement, event: KeyboardEvent): void {
  const picks = [...el.querySelectorAll<HTMLButtonElement>('.hm-pick')];
  const perRow = picks.filter((p) => p.dataset.layer === '1').length;
  const i = picks.indexOf(pick as HTMLButtonElement);
  const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -perRow, ArrowDown: perRow, Home: -i, End: picks.length - 1 - i };
  const next = picks[i + (step[event.key] ?? NaN)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/** Register <head-maps>. */
export function defineHeadMaps(): void {
  defineWidget({
    tag: 'head-maps', defaults: DEFAULT_STATE, fields: FIELDS,
    context: () => ({ model: null, computed: null, focus: null, static: true }), redraw, setup,
  });
}

export type HeadMaps = El;
