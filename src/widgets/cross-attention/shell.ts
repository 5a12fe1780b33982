/**
 * The inside of <cross-attention>: controls generated from its fields and the rendered
 * output, built with the DOM API so the same markup comes from the build and from tests.
 */
import { code, widgetShell } from '../common/controls';
import { renderCross } from './render';
import { DEFAULT_STATE, FIELDS, type CrossAttentionState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: CrossAttentionState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'crossAttentionExample'), ' → ', code(doc, 'multiHeadAttention(x, weights, { h, context })')],
    output: renderCross(doc, state),
  });
}
