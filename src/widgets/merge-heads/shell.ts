/**
 * The inside of <merge-heads>: controls generated from its fields and the rendered output,
 * built with the DOM API so the same markup comes from the build (linkedom) and from tests
 * (the page).
 */
import { code, widgetShell } from '../common/controls';
import { renderMergeHeads } from './render';
import { DEFAULT_STATE, FIELDS, type MergeHeadsState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: MergeHeadsState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'opposingHeadsExample'), ' → ', code(doc, 'mergeSignal'), ' (', code(doc, 'mergeConcat'), ', ', code(doc, 'mergeAverage'), ', …)'],
    output: renderMergeHeads(doc, state),
  });
}
