/**
 * <cross-attention>: lesson 9's rectangular map, on the shared widget base (common/element.ts:
 * controls read as typed, messages next to them, URL state, lazy start, input events).
 * What is particular here: a map of the same layout is refilled in place, else drawn anew.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderCross, updateCross } from './render';
import { DEFAULT_STATE, FIELDS, type CrossAttentionField, type CrossAttentionState } from './state';

function redraw(out: HTMLElement, state: CrossAttentionState): void {
  const current = out.firstElementChild as HTMLElement | null;
  if (current && updateCross(current, state)) return; // same layout: refill in place
  const open = out.querySelector<HTMLDetailsElement>('details.alt')?.open ?? false;
  out.replaceChildren(renderCross(document, state));
  if (open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
}

/** Register <cross-attention>. */
export function defineCrossAttention(): void {
  defineWidget({ tag: 'cross-attention', defaults: DEFAULT_STATE, fields: FIELDS, context: () => null, redraw });
}

export type CrossAttention = WidgetElement<CrossAttentionState, null, CrossAttentionField>;
