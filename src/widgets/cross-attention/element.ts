/**
 * <cross-attention>: lesson 9's rectangular map, on the shared widget base (common/element.ts:
 * controls read as typed, messages next to them, URL state, lazy start, input events).
 * Nothing particular beyond drawing: the map is redrawn whole on every valid change.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderCross } from './render';
import { DEFAULT_STATE, FIELDS, type CrossAttentionField, type CrossAttentionState } from './state';

function redraw(out: HTMLElement, state: CrossAttentionState): void {
  const open = out.querySelector<HTMLDetailsElement>('details.alt')?.open ?? false;
  out.replaceChildren(renderCross(document, state));
  if (open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
}

/** Register <cross-attention>. */
export function defineCrossAttention(): void {
  defineWidget({ tag: 'cross-attention', defaults: DEFAULT_STATE, fields: FIELDS, context: () => null, redraw });
}

export type CrossAttention = WidgetElement<CrossAttentionState, null, CrossAttentionField>;
