/**
 * The inside of <cost-calculator>: controls generated from its fields and the rendered
 * output, built with the DOM API so the same markup comes from the build (linkedom) and
 * from tests (the page).
 */
import { code, widgetShell } from '../common/controls';
import { renderCosts } from './render';
import { DEFAULT_STATE, FIELDS, type CostState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: CostState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'parameterBreakdown'), ', ', code(doc, 'countParameters'), ', ', code(doc, 'forwardFlops'), ', ', code(doc, 'kvHeadSweep')],
    output: renderCosts(doc, state),
  });
}
