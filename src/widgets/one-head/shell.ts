/**
 * The inside of <one-head-attention>: controls generated from its fields and the rendered
 * output, built with the DOM API so the same markup comes from the build (linkedom) and
 * from tests (the page).
 */
import { code, widgetShell } from '../common/controls';
import { renderOneHead } from './render';
import { DEFAULT_STATE, FIELDS, type OneHeadState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: OneHeadState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'oneHeadExample'), ' → ', code(doc, 'scaledDotProductAttention')],
    output: renderOneHead(doc, state),
  });
}
