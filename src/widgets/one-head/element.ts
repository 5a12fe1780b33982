/**
 * <one-head-attention>: lesson 1's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: refilling the charts in place when only numbers change, a focus cell moved with
 * the arrow keys over the two maps, tables filled when opened. The "new seed" button is part of the seed field (state.ts).
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { computeOneHead, describeCell, fillTables, focusOneHead, renderOneHead, updateOneHead, type Focus } from './render';
import { DEFAULT_STATE, FIELDS, type OneHeadField, type OneHeadState } from './state';
import { cellAfterKey } from '../common/cellKeys';

interface Context {
  computed: ReturnType<typeof computeOneHead> | null;
  focus: Focus | null;
}

const isMap = (target: EventTarget | null) => {
  const map = (target as HTMLElement | null)?.getAttribute?.('data-map');
  return map === 'scores' || map === 'weights';
};

function redraw(out: HTMLElement, state: OneHeadState, ctx: Context): void {
  ctx.computed = computeOneHead(state);
  const n = ctx.computed.tokens.length;
  if (ctx.focus && (ctx.focus[0] >= n || ctx.focus[1] >= n)) ctx.focus = null;
  const current = out.firstElementChild as HTMLElement | null;
  // Same layout: refill the charts in place (fast). Otherwise draw anew.
  if (current && updateOneHead(current, state, ctx.focus, ctx.computed)) return;
  const refocus = (document.activeElement as HTMLElement | null)?.closest?.('[data-map]')?.getAttribute('data-map');
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderOneHead(document, state, ctx.focus, ctx.computed, { tables: details?.open ?? false }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
  if (refocus) out.querySelector<HTMLElement>(`[data-map="${refocus}"]`)?.focus();
}

function setup(el: WidgetElement<OneHeadState, Context, OneHeadField>, ctx: Context): void {
  const out = el.querySelector<HTMLElement>('[data-output]')!;
  const moveFocus = (focus: Focus) => {
    if (!ctx.computed) return;
    ctx.focus = focus;
    focusOneHead(out, ctx.computed.tokens, ctx.computed.result, focus);
  };
  el.addEventListener('keydown', (event) => {
    if (!isMap(event.target) || !ctx.computed) return;
    const next = cellAfterKey(event.key, ctx.focus, ctx.computed.tokens.length);
    if (!next) return;
    event.preventDefault();
    moveFocus(next);
  });
  // only the map itself, not its download buttons
  el.addEventListener('focusin', (event) => {
    if (isMap(event.target) && ctx.focus === null) moveFocus([0, 0]);
  });
  el.addEventListener('pointerover', (event) => {
    const rect = (event.target as Element).closest?.('rect[data-row]');
    if (!rect || !ctx.computed || !isMap(rect.closest('[data-map]'))) return;
    const readout = el.querySelector('.oh-readout');
    if (readout) readout.textContent = describeCell(ctx.computed.tokens, ctx.computed.result, [Number(rect.getAttribute('data-row')), Number(rect.getAttribute('data-col'))]);
  });
  // Tables are refilled when opened, not on every update (they are hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.computed) fillTables(details, ctx.computed.tokens, ctx.computed.result);
  }, true);
  el.querySelector('[data-action="reset"]')?.addEventListener('click', () => {
    ctx.focus = null;
  }, { capture: true });
}

/** Register <one-head-attention>. */
export function defineOneHeadAttention(): void {
  defineWidget({
    tag: 'one-head-attention', defaults: DEFAULT_STATE, fields: FIELDS,
    context: () => ({ computed: null, focus: null }), redraw, setup,
  });
}

export type OneHeadAttention = WidgetElement<OneHeadState, Context, OneHeadField>;
