/**
 * The inside of <one-head-attention>: controls and the rendered output, built with the
 * DOM API so the same markup comes from the build (linkedom) and from tests (the page).
 */
import { t } from '../../i18n/strings';
import { actions, checkboxControl, code, selectControl, textControl, widgetFrame } from '../common/controls';
import { h } from '../common/dom';
import { renderOneHead } from './render';
import { DEFAULT_STATE, LIMITS, type OneHeadState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: OneHeadState = DEFAULT_STATE): DocumentFragment {
  const dk = () => ['d', h(doc, 'sub', {}, 'k')];
  return widgetFrame(doc, {
    runs: [code(doc, 'oneHeadExample'), ' → ', code(doc, 'scaledDotProductAttention')],
    controls: [
      textControl(doc, key, { name: 'sentence', label: t.oneHead.sentence, hint: t.oneHead.sentenceHint(LIMITS.maxTokens), value: state.sentence, wide: true }),
      textControl(doc, key, {
        name: 'seed', label: t.oneHead.seed, hint: t.oneHead.seedHint(LIMITS.maxSeed), value: String(state.seed), numeric: true,
        after: h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'reseed' }, t.newSeed),
      }),
      selectControl(doc, key, { name: 'dk', label: h(doc, 'span', {}, ...dk()), options: LIMITS.dKs, value: String(state.dK) }),
      checkboxControl(doc, key, { name: 'scaled', group: t.oneHead.scaling, label: h(doc, 'span', {}, t.oneHead.divideBy, h(doc, 'sub', {}, 'k')), checked: state.scaled }),
      actions(doc),
    ],
    output: renderOneHead(doc, state),
  });
}
