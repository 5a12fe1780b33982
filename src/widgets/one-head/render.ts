/**
 * Everything the one-head widget shows below its controls, built from its state with
 * the real attention code. The same function renders the static HTML at build time
 * (with a linkedom document) and redraws in the page.
 */
import { oneHeadExample, tokenize, type OneHeadExample } from '../../attention';
import { heatmap } from '../../charts/heatmap';
import { chartFigure, h, numberTable } from '../common/dom';
import type { OneHeadState } from './state';

/** A cell of the maps: [query row, key column]. */
export type Focus = readonly [number, number];

/** Run lesson 1's head on the state. */
export function computeOneHead(state: OneHeadState): { tokens: string[]; result: OneHeadExample } {
  const tokens = tokenize(state.sentence);
  return { tokens, result: oneHeadExample({ tokens, seed: state.seed, dK: state.dK, scaled: state.scaled }) };
}

const scoreTitle = (s: OneHeadState) => (s.scaled ? `Scores Q·Kᵀ / √${s.dK}` : 'Scores Q·Kᵀ (unscaled)');

/** The two maps (scores and weights), outlined at `focus`. */
export function renderMaps(doc: Document, state: OneHeadState, tokens: readonly string[], result: OneHeadExample, focus: Focus | null): HTMLElement[] {
  const common = { rowLabels: tokens, colLabels: tokens, xLabel: 'key', yLabel: 'query', focus, document: doc, maxWidth: 460 };
  const scores = heatmap(result.scores.to2DArray(), {
    ...common, kind: 'signed', digits: 1,
    label: `${scoreTitle(state)} for ${tokens.length} tokens: rows are queries, columns are keys; red is high, blue is low.`,
  });
  const weights = heatmap(result.weights.to2DArray(), {
    ...common, kind: 'weights',
    label: `Attention weights for ${tokens.length} tokens: each row is a query's softmax over the keys and sums to 1; darker is more weight.`,
  });
  const hint = 'Arrow keys move between cells; the value is read out below.';
  return [
    chartFigure(doc, { title: scoreTitle(state), svg: scores, filename: 'scores', attrs: { 'data-map': 'scores', tabindex: 0, 'aria-label': `${scoreTitle(state)}. ${hint}` } }),
    chartFigure(doc, { title: 'Attention weights = softmax(scores)', svg: weights, filename: 'attention-weights', attrs: { 'data-map': 'weights', tabindex: 0, 'aria-label': `Attention weights. ${hint}` } }),
  ];
}

/** One sentence on what the picture shows: the most and least peaked queries. */
export function summarize(tokens: readonly string[], result: OneHeadExample): string {
  let peak = { row: 0, col: 0, w: -1 };
  let flat = { row: 0, w: 2 };
  for (let i = 0; i < result.weights.rows; i++) {
    const row = result.weights.getRow(i);
    const max = Math.max(...row);
    if (max > peak.w) peak = { row: i, col: row.indexOf(max), w: max };
    if (max < flat.w) flat = { row: i, w: max };
  }
  const q = (i: number) => `“${tokens[i]}” (${i + 1})`;
  return `Most focused: ${q(peak.row)} puts ${peak.w.toFixed(2)} of its weight on ${q(peak.col)}. ` +
    `Most spread out: ${q(flat.row)}, whose largest weight is ${flat.w.toFixed(2)} (uniform would be ${(1 / tokens.length).toFixed(2)}).`;
}

/** Text read out for a focused cell. */
export function describeCell(tokens: readonly string[], result: OneHeadExample, [i, j]: Focus): string {
  return `Query “${tokens[i]}” (${i + 1}) → key “${tokens[j]}” (${j + 1}): weight ${result.weights.get(i, j).toFixed(3)}, score ${result.scores.get(i, j).toFixed(3)}.`;
}

/** The whole output area. */
export function renderOneHead(doc: Document, state: OneHeadState, focus: Focus | null = null): HTMLElement {
  const { tokens, result } = computeOneHead(state);
  const dims = Array.from({ length: state.dK }, (_, c) => String(c + 1));
  const output = heatmap(result.output.to2DArray(), {
    rowLabels: tokens, colLabels: dims, kind: 'signed', label: `Output: one row of ${state.dK} numbers per token, the weighted sum of the value vectors.`,
    xLabel: 'dimension', document: doc, maxWidth: 760, maxCell: 30, showValues: state.dK <= 8, digits: 2,
  });
  return h(doc, 'div', { class: 'oh-output', 'data-output-ready': '1' },
    h(doc, 'p', { class: 'oh-summary' }, summarize(tokens, result)),
    h(doc, 'div', { class: 'oh-maps' }, ...renderMaps(doc, state, tokens, result, focus)),
    h(doc, 'p', { class: 'oh-readout', 'aria-live': 'polite' }, focus ? describeCell(tokens, result, focus) : 'Hover over a cell, or focus a map and use the arrow keys, to read its value.'),
    chartFigure(doc, { title: `Output = weights · V   (${tokens.length} × ${state.dK})`, svg: output, filename: 'attention-output', attrs: { 'data-map': 'output' } }),
    h(doc, 'details', { class: 'alt' },
      h(doc, 'summary', {}, 'Attention weights and scores as tables'),
      numberTable(doc, { caption: 'Attention weights: rows are queries, columns are keys', corner: 'query \\ key', rowLabels: tokens, colLabels: tokens, values: result.weights.to2DArray(), digits: 3 }),
      numberTable(doc, { caption: 'Scores', corner: 'score', rowLabels: tokens, colLabels: tokens, values: result.scores.to2DArray(), digits: 2 }),
    ),
  );
}
