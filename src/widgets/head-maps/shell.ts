/**
 * The inside of <head-maps>: controls generated from its fields and the rendered output, built with the DOM API so
 * the same markup comes from the build (linkedom, checkpoint imported) and from tests.
 */
import { t } from '../../i18n/strings';
import { code, widgetShell } from '../common/controls';
import { h } from '../common/dom';
import { renderHeadMaps, type HeadMapsModel } from './render';
import { DEFAULT_STATE, FIELDS, type HeadMapsState } from './state';

const s = t.looking;

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, model: HeadMapsModel, state: HeadMapsState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'forward'), ' → ', code(doc, 'roleScores'), ', ', code(doc, 'topKeys')],
    trailing: [
      h(doc, 'div', { class: 'control control-wide hm-model' },
        h(doc, 'p', { class: 'hm-status', 'data-model-status': '', role: 'status', hidden: true }),
        h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'retry-model', hidden: true }, s.retry)),
    ],
    output: renderHeadMaps(doc, state, model),
  });
}
