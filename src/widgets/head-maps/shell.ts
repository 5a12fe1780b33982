/**
 * The inside of <head-maps>: controls and the rendered output, built with the DOM API so
 * the same markup comes from the build (linkedom, checkpoint imported) and from tests.
 */
import { t } from '../../i18n/strings';
import { actions, code, selectControl, textControl, widgetFrame } from '../common/controls';
import { h } from '../common/dom';
import { renderHeadMaps, type HeadMapsModel } from './render';
import { DEFAULT_STATE, FIELDS, LIMITS, type HeadMapsState } from './state';

const s = t.looking;
const count = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, model: HeadMapsModel, state: HeadMapsState = DEFAULT_STATE): DocumentFragment {
  const text = (name: string) => FIELDS.find((f) => f.name === name)!.format(state);
  return widgetFrame(doc, {
    runs: [code(doc, 'forward'), ' → ', code(doc, 'roleScores'), ', ', code(doc, 'topKeys')],
    controls: [
      textControl(doc, key, { name: 'tokens', label: s.tokens, hint: s.tokensHint(LIMITS.vocab, LIMITS.minTokens, LIMITS.maxTokens), value: text('tokens'), wide: true }),
      selectControl(doc, key, { name: 'layer', label: s.layer, options: count(LIMITS.layers), value: text('layer') }),
      selectControl(doc, key, { name: 'head', label: s.head, options: count(LIMITS.heads), value: text('head') }),
      actions(doc),
      h(doc, 'div', { class: 'control control-wide hm-model' },
        h(doc, 'p', { class: 'hm-status', 'data-model-status': '', role: 'status', hidden: true }),
        h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'retry-model', hidden: true }, s.retry)),
    ],
    output: renderHeadMaps(doc, state, model),
  });
}
