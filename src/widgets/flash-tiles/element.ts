/**
 * <flash-tiles>: lesson 9's widget on FlashAttention's online softmax, on the shared widget
 * base (common/element.ts: validation next to controls, URL state, lazy start, input
 * events). What is particular here: the tile reached is stepped with Previous / Next and
 * with ←/→ (Home/End) on the chart, and the chart is drawn for the widget's width.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { computeFlashTiles, renderFlashTiles, syncStepControls } from './render';
import { crossCheck, DEFAULT_STATE, FIELDS, moveStep, type FlashTilesField, type FlashTilesState } from './state';
import type { FlashTilesModel } from './model';

interface Context {
  /** The last model and the state parts it was computed for (stepping reuses it). */
  model: FlashTilesModel | null;
  key: string;
}

const widthFor = (out: HTMLElement) => (out.clientWidth > 0 ? Math.max(300, Math.min(560, Math.floor(out.clientWidth))) : 560);

function redraw(out: HTMLElement, state: FlashTilesState, ctx: Context, el: WidgetElement<FlashTilesState, Context, FlashTilesField>): void {
  const key = `${state.seed}|${state.tileSize}|${state.causal}`;
  if (!ctx.model || ctx.key !== key) {
    ctx.model = computeFlashTiles(state);
    ctx.key = key;
  }
  const refocus = (document.activeElement as HTMLElement | null)?.closest?.('[data-map]') !== null && out.contains(document.activeElement);
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderFlashTiles(document, state, ctx.model, { width: widthFor(out) }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
  if (refocus) out.querySelector<HTMLElement>('[data-map]')?.focus();
  syncStepControls(el, state);
}

function setup(el: WidgetElement<FlashTilesState, Context, FlashTilesField>): void {
  const go = (to: Parameters<typeof moveStep>[1]) => {
    const next = moveStep(el.value, to);
    if (next.step !== el.value.step) el.value = next;
  };
  el.addEventListener('click', (event) => {
    const button = (event.target as Element).closest?.('[data-step]');
    if (button) go(button.getAttribute('data-step') === 'prev' ? -1 : 1);
  });
  el.addEventListener('keydown', (event) => {
    if (!(event.target as Element).closest?.('[data-map="tiles"]')) return;
    const to = ({ ArrowLeft: -1, ArrowRight: 1, Home: 'first', End: 'last' } as const)[event.key as 'ArrowLeft'];
    if (to === undefined) return;
    event.preventDefault();
    go(to);
  });
}

/** Register <flash-tiles>. */
export function defineFlashTiles(): void {
  defineWidget({
    tag: 'flash-tiles', defaults: DEFAULT_STATE, fields: FIELDS, cross: crossCheck,
    context: () => ({ model: null, key: '' }), redraw, setup,
  });
}

export type FlashTiles = WidgetElement<FlashTilesState, Context, FlashTilesField>;
