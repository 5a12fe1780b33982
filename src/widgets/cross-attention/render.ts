/**
 * What the cross-attention widget shows: one head's n_q × n_k map, rows labelled with the
 * query sentence and columns with the key sentence, and the shapes of Q, K, V and the map.
 * Computed by crossAttentionExample (multiHeadAttention with a context); the same
 * functions draw the static HTML at build time (linkedom) and redraw in the page.
 */
import { crossAttentionExample, tokenize, type CrossAttentionExample } from '../../attention/demos';
import { heatmap } from '../../charts/heatmap';
import { chartFigure, h, numberTable } from '../common/dom';
import { LIMITS, type CrossAttentionState } from './state';

/** The tokens of both sentences and what the layer computed. */
export interface CrossView {
  queries: string[];
  keys: string[];
  result: CrossAttentionExample;
}

/** Run the toy layer on a state. */
export function computeCross(state: CrossAttentionState): CrossView {
  const queries = tokenize(state.queries);
  const keys = tokenize(state.keys);
  return { queries, keys, result: crossAttentionExample({ queries, keys, seed: state.seed, dModel: LIMITS.dModel, h: LIMITS.h }) };
}

/** The shapes, in words, for the head shown. */
export function shapeSentence(state: CrossAttentionState, { queries, keys, result }: CrossView): string {
  const [nq, nk, dK] = [queries.length, keys.length, result.dK];
  return `Head ${state.head} of ${LIMITS.h}: Q is ${nq} × ${dK} (one row per query word), K and V are ${nk} × ${dK} (one row per key word), ` +
    `so Q·Kᵀ and the map are ${nq} × ${nk}: one row per query, each a softmax over the ${nk} keys. ` +
    `W_Q, W_K, W_V and W_O are the same four ${LIMITS.dModel} × ${LIMITS.dModel} matrices self-attention uses; only the rows K and V are computed from have changed.`;
}

/** The key each query puts most weight on, in words. */
export function topSentence(state: CrossAttentionState, { queries, keys, result }: CrossView): string {
  const w = result.heads[state.head - 1].weights;
  const parts = queries.map((q, i) => {
    const row = w.getRow(i);
    const j = row.indexOf(Math.max(...row));
    return `“${q}” → “${keys[j]}” (${row[j].toFixed(2)})`;
  });
  return `Largest weight of each query: ${parts.join(', ')}. The weights are random and untrained, so these pairs are not a translation; a trained model learns which source words each target word needs.`;
}

/** The whole output area, drawn from scratch. */
export function renderCross(doc: Document, state: CrossAttentionState, view: CrossView = computeCross(state)): HTMLElement {
  const { queries, keys, result } = view;
  const weights = result.heads[state.head - 1].weights.to2DArray();
  const title = `Head ${state.head}: attention weights, ${queries.length} queries × ${keys.length} keys`;
  const svg = heatmap(weights, {
    rowLabels: queries, colLabels: keys, kind: 'weights', xLabel: 'key (other sentence)', yLabel: 'query', maxWidth: 460, document: doc,
    label: `Cross-attention map of head ${state.head}: ${queries.length} rows, one per query word (${queries.join(' ')}), and ${keys.length} columns, one per key word (${keys.join(' ')}); each row sums to 1; darker is more weight.`,
  });
  return h(doc, 'div', { class: 'xa-output' },
    h(doc, 'p', { class: 'widget-summary xa-shapes' }, shapeSentence(state, view)),
    chartFigure(doc, { title, svg, filename: `cross-attention-head${state.head}`, attrs: { 'data-map': 'cross' } }),
    h(doc, 'p', { class: 'xa-top' }, topSentence(state, view)),
    h(doc, 'details', { class: 'alt' }, h(doc, 'summary', {}, 'The map as a table'),
      numberTable(doc, { caption: title, corner: 'query \\ key', rowLabels: queries, colLabels: keys, values: weights, digits: 3 })),
  );
}
