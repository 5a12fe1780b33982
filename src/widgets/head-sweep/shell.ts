/**
 * The inside of <head-sweep>: controls generated from its fields, the run panel, the shipped results drawn as the
 * output, and the shipped data as JSON for the page. Built with the DOM API so the same
 * markup comes from the build (linkedom) and from tests.
 */
import { t } from '../../i18n/strings';
import { code, idFor, widgetShell } from '../common/controls';
import { h } from '../common/dom';
import { renderOutput } from './render';
import { viewFor, type Shipped } from './results';
import { DEFAULT_STATE, FIELDS, type HeadSweepState } from './state';

const s = t.sweep;

/** The run button, cancel, progress and status: hidden until the script starts the widget. */
function runPanel(doc: Document, key: string, state: HeadSweepState): HTMLElement {
  return h(doc, 'div', { class: 'control control-wide hs-run', 'data-run': '', hidden: true },
    h(doc, 'div', { class: 'control-row' },
      h(doc, 'button', { class: 'btn btn-primary', type: 'button', 'data-action': 'run' }, s.run),
      h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'cancel', disabled: true, 'aria-describedby': idFor(key, 'cancel-hint') }, s.cancel),
      h(doc, 'span', { class: 'hs-hint', id: idFor(key, 'cancel-hint') }, s.cancelHint)),
    h(doc, 'p', { class: 'hs-plan', 'data-plan': '' }, s.idle(state.hs.length, state.steps)),
    h(doc, 'div', { class: 'hs-progress', 'data-progress': '', hidden: true },
      h(doc, 'progress', { id: idFor(key, 'progress'), max: 1, value: 0, 'aria-label': s.progressLabel }),
      h(doc, 'span', { 'data-progress-text': '' })),
    h(doc, 'p', { class: 'hs-status', role: 'status', 'data-status': '' }));
}

/** The shipped sweep as JSON inside the widget (numbers only; "<" escaped all the same). */
function shippedData(doc: Document, shipped: Shipped): HTMLElement {
  const json = JSON.stringify({ settings: shipped.settings, sweep: shipped.sweep }).replace(/</g, '\\u003c');
  return h(doc, 'script', { type: 'application/json', 'data-shipped': '' }, json);
}

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, shipped: Shipped, state: HeadSweepState = DEFAULT_STATE): DocumentFragment {
  const view = viewFor(state, shipped, new Map());
  const frame = widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'sweepModel'), ' → ', code(doc, 'train'), ' for each h, in a Web Worker'],
    extra: [runPanel(doc, key, state)],
    output: renderOutput(doc, view, { dModel: shipped.settings.model.dModel, vocab: shipped.settings.task.vocab, verdict: null }),
  });
  frame.append(shippedData(doc, shipped));
  return frame;
}
