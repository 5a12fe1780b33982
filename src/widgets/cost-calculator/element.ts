/**
 * <cost-calculator>: lesson 4's widget, on the shared widget base (common/element.ts: every
 * control read as typed on each change, messages next to controls, URL state, lazy start,
 * input events). The model picker that fills d_model, h, the layers (and n, when the
 * model has a known context) into their boxes is declared with the fields (state.ts). What
 * is particular here: the picker follows every state, and the "h must divide d_model"
 * message goes next to whichever of the two the reader is typing in.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderCosts, updateCosts } from './render';
import { DEFAULT_STATE, FIELDS, crossCheck, type CostField, type CostState } from './state';

interface Context {
  /** Width for the chart: as wide as the cell allows, up to the 560 px it is built with. */
  chartWidth: number | null;
}

/** A phone has less than 560 px: measured once, then kept up to date by a ResizeObserver. */
const widthFor = (out: HTMLElement) => (out.clientWidth > 0 ? Math.max(300, Math.min(560, Math.floor(out.clientWidth))) : 560);

function redraw(out: HTMLElement, state: CostState, ctx: Context, el: WidgetElement<CostState, Context, CostField>): void {
  const current = out.firstElementChild as HTMLElement | null;
  const chartWidth = (ctx.chartWidth ??= widthFor(out));
  // Refill in place (fast); draw anew only when there is nothing to refill.
  if (!current || !updateCosts(current, state, undefined, { chartWidth })) {
    const tableOpen = out.querySelector<HTMLDetailsElement>('details.alt')?.open ?? false;
    out.replaceChildren(renderCosts(document, state, undefined, { tableOpen, chartWidth }));
  }
  // The base writes values into the controls only on reset and links; the picker follows
  // every state, so it says "your own" as soon as a typed size differs from the model's.
  const picker = el.control('model');
  if (picker && picker.value !== state.model) picker.value = state.model;
}

function setup(el: WidgetElement<CostState, Context, CostField>, ctx: Context): void {
  const out = el.querySelector<HTMLElement>('[data-output]')!;
  if ('ResizeObserver' in window) new ResizeObserver(() => (ctx.chartWidth = widthFor(out))).observe(out);
  // After the base: a d_model that h does not divide is said next to d_model while typing there.
  el.control('dmodel')?.addEventListener('input', () => {
    const atH = el.querySelector('[data-error-for="h"]')?.textContent ?? '';
    if (atH === '' || !FIELDS.get('h').parse(el.control('h')!.value, el.value).ok) return; // h itself is wrong: leave it there
    el.setError('h', null);
    el.setError('dmodel', atH);
  });
}

/** Register <cost-calculator>. */
export function defineCostCalculator(): void {
  defineWidget({
    tag: 'cost-calculator', defaults: DEFAULT_STATE, fields: FIELDS, cross: crossCheck,
    context: () => ({ chartWidth: null }), redraw, setup,
  });
}

export type CostCalculator = WidgetElement<CostState, Context, CostField>;
