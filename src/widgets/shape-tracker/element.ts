/** <shape-tracker>: lesson 3's widget, on the shared widget base. */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderShapes } from './render';
import { cross, DEFAULT_STATE, FIELDS, type ShapeState, type ShapeField } from './state';

export function defineShapeTracker(): void {
  defineWidget({
    tag: 'shape-tracker', defaults: DEFAULT_STATE, fields: FIELDS, cross, context: () => null,
    redraw(out, state) {
      out.replaceChildren(renderShapes(document, state));
    },
  });
}

export type ShapeTrackerElement = WidgetElement<ShapeState, null, ShapeField>;
