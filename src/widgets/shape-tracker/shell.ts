/** Light DOM of <shape-tracker>: controls generated from its fields, and the drawn default state. */
import { code, widgetShell } from '../common/controls';
import { renderShapes } from './render';
import { DEFAULT_STATE, FIELDS, type ShapeState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShapeShell(doc: Document, key: string, state: ShapeState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'traceShapes'), ' → ', code(doc, 'batchedMultiHeadAttention'), ' (shapes only)'],
    output: renderShapes(doc, state),
  });
}
