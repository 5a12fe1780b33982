/** Light DOM of <shape-tracker>: controls and the drawn default state. */
import { t } from '../../i18n/strings';
import { actions, code, textControl, widgetFrame } from '../common/controls';
import { renderShapes } from './render';
import { DEFAULT_STATE, LIMITS, type ShapeState } from './state';

export function renderShapeShell(doc: Document, key: string, state: ShapeState = DEFAULT_STATE): DocumentFragment {
  const range = (max: number) => `(1–${max.toLocaleString('en')})`;
  return widgetFrame(doc, {
    runs: [code(doc, 'traceShapes'), ' → ', code(doc, 'batchedMultiHeadAttention'), ' (shapes only)'],
    controls: [
      textControl(doc, key, { name: 'b', label: t.shapes.batch, hint: range(LIMITS.maxB), value: String(state.B), numeric: true }),
      textControl(doc, key, { name: 'n', label: t.shapes.length, hint: range(LIMITS.maxN), value: String(state.n), numeric: true }),
      textControl(doc, key, { name: 'dmodel', label: t.shapes.dModel, hint: range(LIMITS.maxDModel), value: String(state.dModel), numeric: true }),
      textControl(doc, key, { name: 'h', label: t.shapes.heads, hint: 'divides d_model', value: String(state.h), numeric: true }),
      actions(doc),
    ],
    output: renderShapes(doc, state),
  });
}
