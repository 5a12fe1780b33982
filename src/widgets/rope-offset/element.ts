/**
 * <rope-offset>: lesson 9's widget on RoPE, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). It redraws the chart
 * for the widget's width on every change.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderRopeOffset } from './render';
import { DEFAULT_STATE, FIELDS, type RopeOffsetField, type RopeOffsetState } from './state';

const widthFor = (out: HTMLElement) => (out.clientWidth > 0 ? Math.max(300, Math.min(560, Math.floor(out.clientWidth))) : 560);

function redraw(out: HTMLElement, state: RopeOffsetState): void {
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderRopeOffset(document, state, undefined, { width: widthFor(out) }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
}

/** Register <rope-offset>. */
export function defineRopeOffset(): void {
  defineWidget({ tag: 'rope-offset', defaults: DEFAULT_STATE, fields: FIELDS, context: () => null, redraw });
}

export type RopeOffset = WidgetElement<RopeOffsetState, null, RopeOffsetField>;
