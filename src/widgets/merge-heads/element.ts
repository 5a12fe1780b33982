/**
 * <merge-heads>: lesson 5's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: refilling the heatmaps in place when only numbers change and tables filled when
 * opened. ↑/↓ stepping in the r and h boxes and the "new seed" button are part of those
 * fields (state.ts), wired by the base.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { computeMergeHeads, fillTables, renderMergeHeads, updateMergeHeads, type MergeHeadsComputed } from './render';
import { crossCheck, DEFAULT_STATE, FIELDS, type MergeHeadsField, type MergeHeadsState } from './state';

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

function setup(el: WidgetElement<MergeHeadsState, Context, MergeHeadsField>, ctx: Context): void {
  // Tables are refilled when opened, not on every update (they are hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.computed) fillTables(details, el.value, ctx.computed);
  }, true);
}

/** Register <merge-heads>. */
export function defineMergeHeads(): void {
  defineWidget({
    tag: 'merge-heads', defaults: DEFAULT_STATE, fields: FIELDS, cross: crossCheck,
    context: () => ({ computed: null }), redraw, setup,
  });
}

export type MergeHeads = WidgetElement<MergeHeadsState, Context, MergeHeadsField>;
