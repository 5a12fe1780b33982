/** Light DOM of <split-check>: controls and the drawn default state. */
import { t } from '../../i18n/strings';
import { actions, code, selectControl, textControl, widgetFrame } from '../common/controls';
import { renderSplitCheck } from './render';
import { DEFAULT_STATE, LIMITS, type SplitCheckState } from './state';

export function renderSplitShell(doc: Document, key: string, state: SplitCheckState = DEFAULT_STATE): DocumentFragment {
  return widgetFrame(doc, {
    runs: [code(doc, 'projectThenSplit'), ' and ', code(doc, 'perHeadProjections')],
    controls: [
      selectControl(doc, key, { name: 'dmodel', label: t.heads.dModel, options: LIMITS.dModels, value: String(state.dModel) }),
      textControl(doc, key, { name: 'h', label: t.heads.h, hint: t.heads.hHint, value: String(state.h), numeric: true }),
      textControl(doc, key, { name: 'seed', label: t.heads.seed, hint: `(0–${LIMITS.maxSeed.toLocaleString('en')})`, value: String(state.seed), numeric: true }),
      actions(doc),
    ],
    output: renderSplitCheck(doc, state),
  });
}
