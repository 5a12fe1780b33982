/**
 * The inside of <flash-tiles>: controls generated from its fields (the tile reached is a
 * custom field: Previous / Next) and the rendered output, built with the DOM API so the
 * build (linkedom) and the page make the same markup.
 */
import { code, widgetShell } from '../common/controls';
import { renderFlashTiles, stepControls } from './render';
import { DEFAULT_STATE, FIELDS, type FlashTilesState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: FlashTilesState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'onlineSoftmaxAttention'), ' (via ', code(doc, 'onlineSoftmaxTrace'), ') vs ', code(doc, 'scaledDotProductAttention')],
    custom: { step: stepControls(doc, key, state) },
    output: renderFlashTiles(doc, state),
  });
}
