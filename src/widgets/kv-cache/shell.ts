/**
 * The inside of <kv-cache>: controls generated from its fields and the rendered output,
 * built with the DOM API so the same markup comes from the build (linkedom) and from tests.
 */
import { code, widgetShell } from '../common/controls';
import { renderKvCache } from './render';
import { DEFAULT_STATE, FIELDS, type KvCacheState } from './state';

/** Build the widget's light DOM for `state`, with element ids under `key`. */
export function renderShell(doc: Document, key: string, state: KvCacheState = DEFAULT_STATE): DocumentFragment {
  return widgetShell(doc, FIELDS, state, {
    key,
    runs: [code(doc, 'kvCacheReport'), ', ', code(doc, 'kvReadSweep'), ' → ', code(doc, 'kvCacheBytes')],
    output: renderKvCache(doc, state),
  });
}
