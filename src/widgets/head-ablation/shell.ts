/**
 * The inside of <head-ablation>: head switches and presets (the mask's custom slot), the
 * example control generated from its field, the output under the current mask, dynamic
 * head selection, and retraining in a Worker.
 * Built with the DOM API, so the build (linkedom) and the page make the same markup.
 */
import { t } from '../../i18n/strings';
import { code, widgetShell } from '../common/controls';
import { h } from '../common/dom';
import { headSwitches, renderAblation, renderFirstHeads, type AblationView } from './render';
import { FIELDS, SHAPE } from './state';

const s = t.ablation;

/** What the shell shows besides the output: accuracy with the first k heads, and the shipped training curve. */
export interface ShellExtras {
  firstHeads: { k: number; accuracy: number }[];
  curve: Element;
}

/** Build the widget's light DOM for a view, with element ids under `key`. */
export function renderShell(doc: Document, key: string, view: AblationView, extras: ShellExtras): DocumentFragment {
  const frame = widgetShell(doc, FIELDS, view.state, {
    key,
    runs: [code(doc, 'MaskedEvaluator.run(ξ)'), ' → ', code(doc, 'accuracy'), ', ', code(doc, 'loss'), ', ', code(doc, 'answers')],
    custom: {
      heads: h(doc, 'div', { class: 'control control-wide ab-controls' },
        headSwitches(doc, view.state.mask),
        h(doc, 'div', { class: 'ab-presets', role: 'group', 'aria-label': s.firstK },
          h(doc, 'button', { class: 'btn', type: 'button', 'data-preset': 'all' }, s.allOn),
          h(doc, 'span', { class: 'ab-firstk-presets' }, // the label and its buttons stay together on a narrow screen
            h(doc, 'span', { class: 'ab-preset-label' }, s.firstK),
            ...Array.from({ length: SHAPE.h - 1 }, (_, i) => h(doc, 'button', { class: 'btn', type: 'button', 'data-preset': `first-${i + 1}`, 'aria-label': `${s.firstK} ${i + 1}` }, String(i + 1)))),
          h(doc, 'button', { class: 'btn', type: 'button', 'data-preset': 'best' }, s.keepBest))),
    },
    output: renderAblation(doc, view),
  });
  frame.querySelector('.cell-body')!.append(
    h(doc, 'div', { class: 'ab-firstk-box', 'data-first-heads': '' }, renderFirstHeads(doc, extras.firstHeads, view.full.accuracy)),
    h(doc, 'section', { class: 'ab-retrain', 'aria-labelledby': `${key}-retrain-title` },
      h(doc, 'p', { class: 'ab-retrain-title', id: `${key}-retrain-title` }, s.retrainTitle),
      h(doc, 'div', { class: 'control-row' },
        h(doc, 'button', { class: 'btn btn-primary', type: 'button', 'data-action': 'retrain' }, s.retrain),
        h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'cancel', hidden: true }, s.cancel),
        h(doc, 'progress', { max: 1, value: 0, hidden: true, 'aria-label': s.progressLabel }),
        h(doc, 'span', { class: 'ab-progress-text', 'aria-live': 'polite', 'data-progress-text': '' })),
      h(doc, 'p', { class: 'ab-retrain-status', role: 'status', 'data-retrain-status': '' }),
      h(doc, 'div', { 'data-curve': '' }, extras.curve)),
  );
  return frame;
}
