/** <split-check>: lesson 2's projection-then-split check, on the shared widget base. */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderSplitCheck } from './render';
import { cross, DEFAULT_STATE, FIELDS, type SplitCheckState, type SplitCheckField } from './state';

export function defineSplitCheck(): void {
  defineWidget({
    tag: 'split-check', defaults: DEFAULT_STATE, fields: FIELDS, cross, context: () => null,
    redraw(out, state) {
      out.replaceChildren(renderSplitCheck(document, state));
    },
  });
}

export type SplitCheckElement = WidgetElement<SplitCheckState, null, SplitCheckField>;
