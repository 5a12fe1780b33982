/**
 * <merge-heads>: lesson 5's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: refilling the heatmaps in place when only numbers change, ↑/↓ stepping in the
 * r and h boxes, tables filled when opened, and a "new seed" button.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { computeMergeHeads, fillTables, renderMergeHeads, updateMergeHeads, type MergeHeadsComputed } from './render';
import { crossCheck, DEFAULT_STATE, FIELDS, stepValue, type MergeHeadsState } from './state';

interface Context {
  computed: MergeHeadsComputed | null;
}

function redraw(out: HTMLElement, state: MergeHeadsState, ctx: Context): void {
  ctx.computed = computeMergeHeads(state);
  const current = out.firstElementChild as HTMLElement | null;
  // Same layout: refill the charts in place (fast). Otherwise draw anew.
  if (current && updateMergeHeads(current, state, ctx.computed)) return;
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderMergeHeads(document, state, ctx.computed, { tables: details?.open ?? false }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
}

function setup(el: WidgetElement<MergeHeadsState, Context>, ctx: Context): void {
  el.addEventListener('keydown', (event) => {
    const input = event.target as HTMLInputElement;
    if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || input.tagName !== 'INPUT') return;
    const next = stepValue(input.name, input.value, event.key === 'ArrowUp', el.value);
    if (next === null) return;
    event.preventDefault();
    input.value = next;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // Tables are refilled when opened, not on every update (they are hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.computed) fillTables(details, el.value, ctx.computed);
  }, true);
  el.querySelector('[data-action="reseed"]')?.addEventListener('click', () => {
    el.setError('seed', null);
    el.value = { ...el.value, seed: Math.floor(Math.random() * 1000) };
  });
}

/** Register <merge-heads>. */
export function defineMergeHeads(): void {
  defineWidget<MergeHeadsState, Context>({
    tag: 'merge-heads', defaults: DEFAULT_STATE, fields: FIELDS, cross: crossCheck,
    context: () => ({ computed: null }), redraw, setup,
  });
}

export type MergeHeads = WidgetElement<MergeHeadsState, Context>;
