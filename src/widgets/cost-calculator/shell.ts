/**
 * The inside of <cost-calculator>: controls and the rendered output, built with the DOM
 * API so the same markup comes from the build (linkedom) and from tests (the page).
 */
import { t } from '../../i18n/strings';
import { actions, checkboxControl, code, idFor, textControl, widgetFrame } from '../common/controls';
import { h } from '../common/dom';
import { renderCosts } from './render';
import { DEFAULT_STATE, LIMITS, PRESETS, type CostState } from './state';

const s = t.costs;

/** A select whose options have labels other than their values, with an error slot. */
function labelledSelect(doc: Document, key: string, o: { name: string; label: string; options: readonly (readonly [string, string])[]; value: string }): HTMLElement {
  const id = idFor(key, o.name);
  return h(doc, 'div', { class: 'control' },
    h(doc, 'label', { for: id }, o.label),
    h(doc, 'select', { id, name: o.name, 'aria-describedby': idFor(key, `${o.name}-error`) },
      ...o.options.map(([value, label]) => h(doc, 'option', { value, selected: value === o.value }, label))),
    h(doc, 'p', { class: 'control-error', id: idFor(key, `${o.name}-error`), 'data-error-for': o.name, 'aria-live': 'polite' }));
}

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: CostState = DEFAULT_STATE): DocumentFragment {
  return widgetFrame(doc, {
    runs: [code(doc, 'parameterBreakdown'), ', ', code(doc, 'countParameters'), ', ', code(doc, 'forwardFlops'), ', ', code(doc, 'kvHeadSweep')],
    controls: [
      labelledSelect(doc, key, {
        name: 'model', label: s.model, value: state.model,
        options: [['custom', s.modelCustom], ...PRESETS.map((m) => [m.id, m.name] as const)],
      }),
      textControl(doc, key, { name: 'dmodel', label: s.dModel, hint: s.dModelHint(LIMITS.maxDModel), value: String(state.dModel), numeric: true }),
      textControl(doc, key, { name: 'h', label: s.h, hint: s.hHint, value: String(state.h), numeric: true }),
      textControl(doc, key, { name: 'n', label: s.n, hint: s.nHint(LIMITS.maxN), value: String(state.n), numeric: true }),
      textControl(doc, key, { name: 'layers', label: s.layers, hint: s.layersHint(LIMITS.maxLayers), value: String(state.layers), numeric: true }),
      checkboxControl(doc, key, { name: 'bias', group: s.biases, label: s.countBiases, checked: state.bias }),
      labelledSelect(doc, key, {
        name: 'bytes', label: s.bytes, value: String(state.bytes),
        options: LIMITS.bytes.map((b) => [String(b), s.bytesNames[b]] as const),
      }),
      actions(doc),
    ],
    output: renderCosts(doc, state),
  });
}
