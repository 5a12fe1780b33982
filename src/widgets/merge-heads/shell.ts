/**
 * The inside of <merge-heads>: controls and the rendered output, built with the DOM
 * API so the same markup comes from the build (linkedom) and from tests (the page).
 */
import { MERGE_KINDS } from '../../attention';
import { t } from '../../i18n/strings';
import { actions, code, idFor, textControl, widgetFrame } from '../common/controls';
import { h } from '../common/dom';
import { renderMergeHeads } from './render';
import { DEFAULT_STATE, FIELDS, LIMITS, type MergeHeadsState } from './state';

const s = t.merging;

/** The merge select: values are the kinds, labels their names. */
function mergeSelect(doc: Document, key: string, value: string): HTMLElement {
  const id = idFor(key, 'merge');
  return h(doc, 'div', { class: 'control' },
    h(doc, 'label', { for: id }, s.merge),
    h(doc, 'select', { id, name: 'merge', 'aria-describedby': idFor(key, 'merge-error') },
      ...MERGE_KINDS.map((kind) => h(doc, 'option', { value: kind, selected: kind === value }, s.mergeNames[kind]))),
    h(doc, 'p', { class: 'control-error', id: idFor(key, 'merge-error'), 'data-error-for': 'merge', 'aria-live': 'polite' }));
}

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: MergeHeadsState = DEFAULT_STATE): DocumentFragment {
  const text = (name: string) => FIELDS.find((f) => f.name === name)!.format(state);
  return widgetFrame(doc, {
    runs: [code(doc, 'opposingHeadsExample'), ' → ', code(doc, 'mergeSignal'), ' (', code(doc, 'mergeConcat'), ', ', code(doc, 'mergeAverage'), ', …)'],
    controls: [
      mergeSelect(doc, key, state.merge),
      textControl(doc, key, { name: 'r', label: s.ratio, hint: s.ratioHint(LIMITS.minR, LIMITS.maxR), value: text('r') }),
      textControl(doc, key, { name: 'h', label: s.heads, hint: s.headsHint(LIMITS.minH, LIMITS.maxH), value: text('h'), numeric: true }),
      textControl(doc, key, { name: 'dmodel', label: s.dModel, hint: s.dModelHint(LIMITS.minDModel, LIMITS.maxDModel), value: text('dmodel'), numeric: true }),
      textControl(doc, key, {
        name: 'seed', label: s.seed, hint: s.seedHint(LIMITS.maxSeed), value: text('seed'), numeric: true,
        after: h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'reseed' }, t.newSeed),
      }),
      actions(doc),
    ],
    output: renderMergeHeads(doc, state),
  });
}
