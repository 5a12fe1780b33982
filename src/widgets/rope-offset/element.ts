/**
 * <rope-offset>: lesson 9's widget on RoPE, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). A new shift moves the
 * circles in place; any other change redraws the chart for the widget's width.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { computeRopeOffset, renderRopeOffset, updateRopeOffset } from './render';
import { DEFAULT_STATE, FIELDS, type RopeOffsetField, type RopeOffsetState } from './state';

const widthFor = (out: HTMLElement) => (out.clientWidth > 0 ? Math.max(300, Math.min(560, Math.floor(out.clientWidth))) : 560);

function redraw(out: HTMLElement, state: RopeOffsetState): void {
  const model = computeRopeOffset(state);
  const width = widthFor(out);
  const current = out.firstElementChild as HTMLElement | null;
  // Only the shift changed: move the circles in place (fast). Otherwise draw anew.
  if (current && updateRopeOffset(current, state, model, { width })) return;
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderRopeOffset(document, state, model, { width }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
}

/** Register <rope-offset>. */
export function defineRopeOffset(): void {
  defineWidget({ tag: 'rope-offset', defaults: DEFAULT_STATE, fields: FIELDS, context: () => null, redraw });
}

export type RopeOffset = WidgetElement<RopeOffsetState, null, RopeOffsetField>;
