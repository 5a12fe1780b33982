/**
 * The inside of <text-forming>: what the run is, Train and Cancel, a progress bar, a status
 * line, and the two chart slots. Built with the DOM API so the build and the page agree.
 */
import { t } from '../../i18n/strings';
import { h } from '../common/dom';
import { TEXT_SAMPLE, TEXT_SMALL } from '../../training/text';

const s = t.textHeads.forming;

/** The widget's light DOM, with element ids under `key`. */
export function formingShell(doc: Document, key: string): DocumentFragment {
  const frag = doc.createDocumentFragment();
  frag.append(
    h(doc, 'p', { class: 'tf-title', id: `${key}-title` }, s.title),
    h(doc, 'p', { class: 'tf-about' }, s.about(TEXT_SMALL.train.steps, TEXT_SMALL.model.seqLen, TEXT_SAMPLE.trainCharacters)),
    h(doc, 'div', { class: 'control-row tf-controls' },
      h(doc, 'button', { class: 'btn btn-primary', type: 'button', 'data-action': 'train' }, s.train),
      h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'cancel', hidden: true }, s.cancel),
      h(doc, 'progress', { max: 1, value: 0, hidden: true, 'aria-label': s.progressLabel }),
      h(doc, 'span', { class: 'tf-progress', 'aria-live': 'polite', 'data-progress-text': '' })),
    h(doc, 'p', { class: 'tf-status', role: 'status', 'data-status': '' }, s.idle),
    h(doc, 'div', { class: 'tf-charts' },
      h(doc, 'figure', { class: 'plot widget-figure', 'data-chart': 'scores', 'data-filename': 'induction-forming-live' },
        h(doc, 'p', { class: 'figure-title' }, s.scoresTitle),
        h(doc, 'div', { class: 'figure-svg' }, h(doc, 'p', { class: 'tf-empty' }, s.empty))),
      h(doc, 'figure', { class: 'plot widget-figure', 'data-chart': 'loss', 'data-filename': 'losses-forming-live' },
        h(doc, 'p', { class: 'figure-title' }, s.lossTitle),
        h(doc, 'div', { class: 'figure-svg' }, h(doc, 'p', { class: 'tf-empty' }, s.empty)))),
  );
  return frag;
}
