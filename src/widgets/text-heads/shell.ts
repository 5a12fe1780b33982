/**
 * The inside of <text-heads>: the text box and head selects generated from its fields, the
 * head switches (the mask's custom slot, the same switches as lesson 7's widget), and the
 * output. Built with the DOM API, so the build (linkedom) and the page make the same markup.
 */
import { t } from '../../i18n/strings';
import { code, widgetShell } from '../common/controls';
import { h } from '../common/dom';
import { headSwitches } from '../head-ablation/render';
import { computeView, renderTextHeads, type TextHeadsModel } from './render';
import { DEFAULT_STATE, FIELDS, type TextHeadsState } from './state';

const s = t.textHeads;

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, model: TextHeadsModel, state: TextHeadsState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'analyseText(text, ξ)'), ' → ', code(doc, 'losses'), ', ', code(doc, 'maps'), ', ', code(doc, 'previousTokenScore'), ', ', code(doc, 'inductionScoreByTokens')],
    custom: {
      heads: h(doc, 'div', { class: 'control control-wide ab-controls' },
        headSwitches(doc, state.mask),
        h(doc, 'div', { class: 'ab-presets' },
          h(doc, 'button', { class: 'btn', type: 'button', 'data-preset': 'all' }, s.allOn),
          h(doc, 'small', { class: 'th-switch-hint' }, s.switchesHint))),
    },
    output: renderTextHeads(doc, model, computeView(model, state), { fillClosed: true }), // the build fills the closed table, for readers without JavaScript
  });
}
