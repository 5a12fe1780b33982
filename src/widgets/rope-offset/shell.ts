/**
 * The inside of <rope-offset>: controls generated from its fields and the rendered output,
 * built with the DOM API so the build (linkedom) and the page make the same markup.
 */
import { code, widgetShell } from '../common/controls';
import { renderRopeOffset } from './render';
import { DEFAULT_STATE, FIELDS, type RopeOffsetState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: RopeOffsetState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'applyRope'), ' on q and k → ', code(doc, '(R_m q)·(R_n k)')],
    output: renderRopeOffset(doc, state),
  });
}
