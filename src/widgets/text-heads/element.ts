/**
 * <text-heads>: lesson 10's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start). What is particular here: the text
 * model is fetched when the widget starts (until then the build's drawing of the default
 * text stays); the head switches set ξ and the small maps choose the head drawn large. One
 * text of up to 64 characters is one small forward pass, so every change simply runs the
 * model again (tests/bench/text-model.ts times it) and refills the maps in place.
 */
import { t } from '../../i18n/strings';
import { textConfig } from '../../training/text';
import { defineWidget, type EditHook, type WidgetElement } from '../common/element';
import { loadTextCheckpoint } from '../../workers/checkpoint';
import { syncSwitches } from '../head-ablation/render';
import { computeView, fillPositions, renderTextHeads, updateTextHeads, type TextHeadsModel, type TextHeadsView } from './render';
import { DEFAULT_STATE, FIELDS, toggled, type TextHeadsField, type TextHeadsState } from './state';

const s = t.textHeads;

interface Context {
  model: TextHeadsModel | null;
  /** What is drawn, for the positions table when it is opened. */
  view: TextHeadsView | null;
}

type El = WidgetElement<TextHeadsState, Context, TextHeadsField>;

function redraw(out: HTMLElement, state: TextHeadsState, ctx: Context, el: El): void {
  syncSwitches(el, state.mask);
  if (!ctx.model) {
    out.setAttribute('aria-busy', 'true'); // the static drawing stays until the model is in
    return;
  }
  out.removeAttribute('aria-busy');
  const view = computeView(ctx.model, state, ctx.view?.edited ? null : ctx.view);
  ctx.view = view;
  draw(out, ctx.model, view);
  out.dataset.model = 'live';
}

/** Refill the output in place, or draw it anew (another length), keeping the positions table open if it was. */
function draw(out: HTMLElement, model: TextHeadsModel, view: TextHeadsView): void {
  const root = out.querySelector<HTMLElement>('.th-output');
  if (root && updateTextHeads(root, model, view)) return;
  const positionsOpen = out.querySelector('details.th-positions-wrap')?.hasAttribute('open') ?? false;
  out.replaceChildren(renderTextHeads(document, model, view, { positionsOpen }));
}

function setup(el: El, ctx: Context): void {
  el.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLButtonElement>('button');
    if (!target || !el.contains(target)) return;
    if (target.classList.contains('ab-head')) {
      el.value = { ...el.value, mask: toggled(el.value.mask, Number(target.dataset.layer), Number(target.dataset.head)) };
    } else if (target.dataset.preset === 'all') {
      el.value = { ...el.value, mask: DEFAULT_STATE.mask.map((row) => row.map(() => 1)) };
    } else if (target.classList.contains('hm-pick')) {
      el.value = { ...el.value, layer: Number(target.dataset.layer), head: Number(target.dataset.head) };
      el.querySelector<HTMLButtonElement>(`.hm-pick[data-layer="${target.dataset.layer}"][data-head="${target.dataset.head}"]`)?.focus();
    }
  });
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.matches?.('details.th-positions-wrap') && details.open && details.hasAttribute('data-stale') && ctx.view) fillPositions(details, ctx.view);
  }, true); // toggle does not bubble
  const earlier = el.querySelector('[data-notice]')?.textContent ?? ''; // say, a link's ignored parameter
  const withEarlier = (text: string) => [earlier, text].filter(Boolean).join(' ');
  el.notice(withEarlier(s.loading));
  void loadTextCheckpoint().then((load) => {
    if (!load.ok) {
      el.notice(withEarlier(`${load.message} ${s.staticNote}`));
      // Without the model nothing can be redrawn: controls that seemed to work would mislead.
      el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('form[data-controls] input, form[data-controls] select, form[data-controls] button, .hm-pick')
        .forEach((c) => { if (c.dataset.action !== 'copy-link') c.disabled = true; });
      return;
    }
    ctx.model = { params: load.checkpoint.params, config: textConfig(load.checkpoint.settings) };
    el.value = el.value; // redraw with the model
    el.notice(earlier);
  });
}

/** The detector each editable cell stands for, by the name its code cell shows. */
export const EDITABLE_DETECTORS = { previousTokenScore: 'previousToken', inductionScoreByTokens: 'induction' } as const;

/**
 * The widget with the reader's detector: the course runs the model; the reader's function
 * scores each head's map (called in the cell worker with the map as number[][] and the
 * tokens), and its numbers replace that detector's column, marked as the reader's. The
 * reader may write any detector in the cell (the first token, the previous space…): every
 * head is scored by it.
 */
const edits: EditHook<TextHeadsState, Context, TextHeadsField> = {
  names: Object.keys(EDITABLE_DETECTORS),
  async redraw(out, state, ctx, el, name, call) {
    const model = ctx.model;
    if (!model) throw new Error('the text model has not loaded yet; run again in a moment');
    const view = computeView(model, state);
    const key = EDITABLE_DETECTORS[name as keyof typeof EDITABLE_DETECTORS];
    const course = view.analysis.scores[key];
    const mine: number[][] = [];
    for (const [l, row] of view.analysis.maps.entries()) {
      mine.push([]);
      for (const map of row) {
        const v = await call([map.map((r) => Array.from(r)), view.analysis.tokens]);
        if (typeof v !== 'number') throw new Error(`${name} returned ${v === null ? 'null' : typeof v}, not a number (a score for one head)`);
        mine[l].push(v);
      }
    }
    const edited = { ...view, analysis: { ...view.analysis, scores: { ...view.analysis.scores, [key]: mine } }, edited: key };
    ctx.view = edited;
    el.drawForFrame(() => draw(out, model, edited));
    let max = 0;
    let at = '';
    mine.forEach((row, l) => row.forEach((v, hd) => {
      const d = Number.isNaN(v) ? Infinity : Math.abs(v - course[l][hd]);
      if (d > max) { max = d; at = s.shortName(l + 1, hd + 1); }
    }));
    const text = max === 0 ? 'Your detector gives every head the same score as the course’s.' : `Largest difference from the course’s ${name}: ${Number.isFinite(max) ? max.toPrecision(3) : 'not a number'}, at ${at}.`;
    return { what: 'detector scores', text, maxAbsDiff: Number.isFinite(max) ? max : null };
  },
};

/** Register <text-heads>. */
export function defineTextHeads(): void {
  defineWidget({ tag: 'text-heads', defaults: DEFAULT_STATE, fields: FIELDS, context: () => ({ model: null, view: null }), redraw, setup, edits });
}

export type TextHeads = El;
