/** Light DOM of <one-vs-two-heads>: controls and the drawn default state. */
import { TWO_RELATIONS_LETTERS } from '../../attention/demos';
import { t } from '../../i18n/strings';
import { actions, code, textControl, widgetFrame } from '../common/controls';
import { renderTwoHeads } from './render';
import { DEFAULT_STATE, LIMITS, type TwoHeadsState } from './state';

export function renderTwoHeadsShell(doc: Document, key: string, state: TwoHeadsState = DEFAULT_STATE): DocumentFragment {
  return widgetFrame(doc, {
    runs: [code(doc, 'compareOneAndTwoHeads'), ' → ', code(doc, 'multiHeadAttention'), ' (h = 1 and h = 2)'],
    controls: [
      textControl(doc, key, { name: 'sequence', label: t.heads.sequence, hint: t.heads.sequenceHint(LIMITS.minTokens, LIMITS.maxTokens, `${TWO_RELATIONS_LETTERS[0]}–${TWO_RELATIONS_LETTERS.at(-1)}`), value: state.sequence, wide: true }),
      textControl(doc, key, { name: 'beta', label: t.heads.beta, hint: t.heads.betaHint(LIMITS.maxBeta), value: String(state.beta), numeric: true }),
      actions(doc),
    ],
    output: renderTwoHeads(doc, state),
  });
}
