/**
 * What the cross-attention widget shows: one head's n_q × n_k map, rows labelled with the
 * query sentence and columns with the key sentence, and the shapes of Q, K, V and the map.
 * Computed by crossAttentionExample (multiHeadAttention with a context); the same
 * functions draw the static HTML at build time (linkedom) and redraw in the page, where a
 * map of the same layout is refilled in place (updateCross) to stay within a frame.
 */
import { crossAttentionExample, tokenize, type CrossAttentionExample } from '../../attention/demos';
import { heatmap, updateHeatmap, type HeatmapOptions } from '../../charts/heatmap';
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

/** The map's values, title and heatmap options for a state. */
function mapSpec(doc: Document, state: CrossAttentionState, { queries, keys, result }: CrossView) {
  const weights = result.heads[state.head - 1].weights.to2DArray();
  const title = `Head ${state.head}: attention weights, ${queries.length} queries × ${keys.length} keys`;
  const options: HeatmapOptions = {
    rowLabels: queries, colLabels: keys, kind: 'weights', xLabel: 'key (other sentence)', yLabel: 'query', maxWidth: 460, document: doc,
    label: `Cross-attention map of head ${state.head}: ${queries.length} rows, one per query word (${queries.join(' ')}), and ${keys.length} columns, one per key word (${keys.join(' ')}); each row sums to 1; darker is more weight.`,
  };
  return { weights, title, options };
}

const mapTable = (doc: Document, view: CrossView, spec: ReturnType<typeof mapSpec>) =>
  numberTable(doc, { caption: spec.title, corner: 'query \\ key', rowLabels: view.queries, colLabels: view.keys, values: spec.weights, digits: 3 });

/** The whole output area, drawn from scratch. */
export function renderCross(doc: Document, state: CrossAttentionState, view: CrossView = computeCross(state)): HTMLElement {
  const spec = mapSpec(doc, state, view);
  return h(doc, 'div', { class: 'xa-output' },
    h(doc, 'p', { class: 'widget-summary xa-shapes' }, shapeSentence(state, view)),
    chartFigure(doc, { title: spec.title, svg: heatmap(spec.weights, spec.options), filename: `cross-attention-head${state.head}`, attrs: { 'data-map': 'cross' } }),
    h(doc, 'p', { class: 'xa-top' }, topSentence(state, view)),
    h(doc, 'details', { class: 'alt' }, h(doc, 'summary', {}, 'The map as a table'), mapTable(doc, view, spec)),
  );
}

/**
 * Bring an output area drawn by {@link renderCross} up to `state` in place: the map's colours,
 * values and labels, the sentences and the table. Returns false, changing nothing, when the
 * map's layout differs (other counts or label widths): then draw anew.
 */
export function updateCross(root: HTMLElement, state: CrossAttentionState, view: CrossView = computeCross(state)): boolean {
  const doc = root.ownerDocument;
  const spec = mapSpec(doc, state, view);
  const svg = root.querySelector<SVGSVGElement>('[data-map="cross"] svg[data-heatmap]');
  if (!svg || !updateHeatmap(svg, spec.weights, spec.options)) return false;
  const figure = root.querySelector<HTMLElement>('[data-map="cross"]')!;
  figure.querySelector('.figure-title')!.textContent = spec.title;
  figure.setAttribute('data-filename', `cross-attention-head${state.head}`);
  root.querySelector('.xa-shapes')!.textContent = shapeSentence(state, view);
  root.querySelector('.xa-top')!.textContent = topSentence(state, view);
  const details = root.querySelector<HTMLDetailsElement>('details.alt');
  if (details) fillTable(details, state, view); // kept current even when closed: its text is part of the widget's output
  return true;
}

/** Rebuild the table of an output area for `state` (done when it is opened, if stale). */
export function fillTable(details: HTMLDetailsElement, state: CrossAttentionState, view: CrossView = computeCross(state)): void {
  details.querySelector('.table-scroll')?.replaceWith(mapTable(details.ownerDocument, view, mapSpec(details.ownerDocument, state, view)));
}
