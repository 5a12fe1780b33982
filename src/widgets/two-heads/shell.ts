/** Light DOM of <one-vs-two-heads>: controls generated from its fields, and the drawn default state. */
import { code, widgetShell } from '../common/controls';
import { renderTwoHeads } from './render';
import { DEFAULT_STATE, FIELDS, type TwoHeadsState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderTwoHeadsShell(doc: Document, key: string, state: TwoHeadsState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'compareOneAndTwoHeads'), ' → ', code(doc, 'multiHeadAttention'), ' (h = 1 and h = 2)'],
    output: renderTwoHeads(doc, state),
  });
}
