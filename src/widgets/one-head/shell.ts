/**
 * The inside of <one-head-attention>: controls and the rendered output, built with the
 * DOM API so the same markup comes from the build (linkedom) and from tests (the page).
 */
import { t } from '../../i18n/strings';
import { h } from '../common/dom';
import { renderOneHead } from './render';
import { DEFAULT_STATE, LIMITS, type OneHeadState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: OneHeadState = DEFAULT_STATE): DocumentFragment {
  const id = (name: string) => `${key}-${name}`;
  const error = (name: string) => h(doc, 'p', { class: 'control-error', id: id(`${name}-error`), 'data-error-for': name, 'aria-live': 'polite' });
  const sub = (text: string) => h(doc, 'sub', {}, text);
  const frag = doc.createDocumentFragment();
  frag.append(
    h(doc, 'div', { class: 'cell-head' },
      h(doc, 'span', { class: 'cell-label' }, t.output),
      h(doc, 'span', {}, `${t.oneHead.runs} `, h(doc, 'code', {}, 'oneHeadExample'), ' → ', h(doc, 'code', {}, 'scaledDotProductAttention'))),
    h(doc, 'div', { class: 'cell-body' },
      h(doc, 'form', { class: 'widget-controls', 'data-controls': '' },
        h(doc, 'div', { class: 'control control-wide' },
          h(doc, 'label', { for: id('sentence') }, `${t.oneHead.sentence} `, h(doc, 'small', {}, t.oneHead.sentenceHint(LIMITS.maxTokens))),
          h(doc, 'input', { id: id('sentence'), name: 'sentence', type: 'text', value: state.sentence, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': id('sentence-error') }),
          error('sentence')),
        h(doc, 'div', { class: 'control' },
          h(doc, 'label', { for: id('seed') }, `${t.oneHead.seed} `, h(doc, 'small', {}, t.oneHead.seedHint(LIMITS.maxSeed))),
          h(doc, 'div', { class: 'control-row' },
            h(doc, 'input', { id: id('seed'), name: 'seed', type: 'text', inputmode: 'numeric', value: String(state.seed), autocomplete: 'off', 'aria-describedby': id('seed-error') }),
            h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'reseed' }, t.newSeed)),
          error('seed')),
        h(doc, 'div', { class: 'control' },
          h(doc, 'label', { for: id('dk') }, 'd', sub('k')),
          h(doc, 'select', { id: id('dk'), name: 'dk', 'aria-describedby': id('dk-error') },
            ...LIMITS.dKs.map((d) => h(doc, 'option', { value: String(d), selected: d === state.dK }, String(d)))),
          error('dk')),
        h(doc, 'div', { class: 'control' },
          h(doc, 'span', { class: 'control-label' }, t.oneHead.scaling),
          h(doc, 'label', { class: 'check' }, h(doc, 'input', { name: 'scaled', type: 'checkbox', checked: state.scaled }), h(doc, 'span', {}, t.oneHead.divideBy, sub('k')))),
        h(doc, 'div', { class: 'control control-end' },
          h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'reset' }, t.reset))),
      h(doc, 'p', { class: 'widget-notice', 'data-notice': '', role: 'status', hidden: true }),
      h(doc, 'div', { 'data-output': '' }, renderOneHead(doc, state))),
  );
  return frag;
}
