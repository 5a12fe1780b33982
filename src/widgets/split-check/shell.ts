/** Light DOM of <split-check>: controls generated from its fields, and the drawn default state. */
import { code, widgetShell } from '../common/controls';
import { renderSplitCheck } from './render';
import { DEFAULT_STATE, FIELDS, type SplitCheckState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderSplitShell(doc: Document, key: string, state: SplitCheckState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'projectThenSplit'), ' and ', code(doc, 'perHeadProjections')],
    output: renderSplitCheck(doc, state),
  });
}
