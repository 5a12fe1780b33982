/**
 * Lesson 2's comparison: the same letters through one head and through two heads (same
 * d_model, same four matrices' sizes), with each map, each output decoded, and each
 * row's distance to the target. Renders at build time (linkedom) and in the page;
 * when only numbers change, the maps are refilled in place.
 */
import { compareOneAndTwoHeads, TWO_RELATIONS_LETTERS, type TwoRelationsResult } from '../../attention/demos';
import { heatmap, updateHeatmap, type HeatmapOptions } from '../../charts/heatmap';
import { lineChart } from '../../charts/lines';
import { SERIES } from '../../charts/palette';
import { t } from '../../i18n/strings';
import { chartFigure, h, scrollBox } from '../common/dom';
import type { TwoHeadsState } from './state';

export function computeTwoHeads(state: TwoHeadsState): { tokens: string[]; result: TwoRelationsResult } {
  const tokens = state.sequence.split(' ');
  return { tokens, result: compareOneAndTwoHeads(tokens, state.beta) };
}

const labels = (tokens: readonly string[]) => tokens.map((tok, i) => `${i}:${tok}`);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function maps(doc: Document, tokens: readonly string[], r: TwoRelationsResult): { name: string; title: string; values: number[][]; options: HeatmapOptions }[] {
  const common = { rowLabels: labels(tokens), colLabels: labels(tokens), kind: 'weights' as const, xLabel: 'key', yLabel: 'query', document: doc, maxWidth: 300, maxCell: 34, digits: 1 };
  return [
    { name: 'one', title: t.heads.oneHead(24), values: r.one.heads[0].weights.to2DArray(), options: { ...common, label: 'Attention weights of the single head: each query splits its weight between the previous token and the first token.' } },
    { name: 'h1', title: t.heads.headOf(1, 2, 12), values: r.two.heads[0].weights.to2DArray(), options: { ...common, label: 'Attention weights of head 1 of 2: each query looks at the previous token.' } },
    { name: 'h2', title: t.heads.headOf(2, 2, 12), values: r.two.heads[1].weights.to2DArray(), options: { ...common, label: 'Attention weights of head 2 of 2: each query looks at the first token.' } },
  ];
}

/** The letters in output block b (0: previous token, 1: first token) of a row, strongest first (≥ 0.05). */
function decode(row: readonly number[], block: number): string[] {
  const part = row.slice(block * 6, block * 6 + 6).map((v, i) => ({ letter: TWO_RELATIONS_LETTERS[i], v }));
  const shown = part.filter((p) => p.v >= 0.05).sort((a, b) => b.v - a.v);
  return shown.length ? shown.map((p, k) => `${k ? '+\u00a0' : ''}${p.letter}\u00a0${p.v.toFixed(2)}`) : ['—'];
}

/** A decoded block as a cell: one letter and its value per line ("a 0.50", "+ c 0.50"). */
function mixCell(doc: Document, parts: readonly string[]): HTMLElement {
  return h(doc, 'td', { class: 'mix' }, ...parts.flatMap((p, k) => [...(k ? [' '] : []), h(doc, 'span', {}, p)]));
}

function summary(r: TwoRelationsResult): string {
  return `Mean distance to the target: one head ${mean(r.distanceOne).toFixed(2)}, two heads ${mean(r.distanceTwo).toFixed(2)}. ` +
    'Both models have the same four 24 × 24 matrices; only the split into heads differs.';
}

function distanceChart(doc: Document, r: TwoRelationsResult): SVGSVGElement {
  const points = (d: number[]) => d.map((y, x) => ({ x, y }));
  return lineChart(
    [
      { name: 'one head', color: SERIES.second, points: points(r.distanceOne) },
      { name: 'two heads', color: SERIES.main, points: points(r.distanceTwo) },
    ],
    { label: 'Distance of each output row to its target, by position: one head against two heads.', xLabel: t.heads.position, yLabel: t.heads.distance, yDomain: [0, 1.5], width: 520, height: 220, document: doc },
  );
}

function decodedTable(doc: Document, tokens: readonly string[], r: TwoRelationsResult): HTMLElement {
  const one = r.one.output.to2DArray();
  const two = r.two.output.to2DArray();
  const th = (text: string, attrs: Record<string, string | number> = { scope: 'col' }) => h(doc, 'th', attrs, text);
  const group = (text: string, span: number) => th(text, { scope: 'colgroup', colspan: span });
  return scrollBox(doc, t.heads.decodedCaption,
    h(doc, 'table', { class: 'decoded' },
      h(doc, 'caption', { class: 'table-caption' }, t.heads.decodedCaption),
      h(doc, 'thead', {},
        h(doc, 'tr', {}, th('position', { scope: 'col', rowspan: 2 }), th('token', { scope: 'col', rowspan: 2 }), group('wanted letter', 2), group('1 head', 3), group('2 heads', 3)),
        h(doc, 'tr', {}, th('previous'), th('first'), th('block 1'), th('block 2'), th('distance'), th('block 1'), th('block 2'), th('distance'))),
      h(doc, 'tbody', {}, ...tokens.map((tok, i) => h(doc, 'tr', {},
        h(doc, 'th', { scope: 'row' }, String(i)), h(doc, 'td', {}, tok), h(doc, 'td', {}, tokens[Math.max(0, i - 1)]), h(doc, 'td', {}, tokens[0]),
        mixCell(doc, decode(one[i], 0)), mixCell(doc, decode(one[i], 1)), h(doc, 'td', {}, r.distanceOne[i].toFixed(2)),
        mixCell(doc, decode(two[i], 0)), mixCell(doc, decode(two[i], 1)), h(doc, 'td', {}, r.distanceTwo[i].toFixed(2))))),
    ));
}

/** The whole output area, drawn from scratch. */
export function renderTwoHeads(doc: Document, state: TwoHeadsState, computed = computeTwoHeads(state)): HTMLElement {
  const { tokens, result } = computed;
  return h(doc, 'div', { class: 'th-output' },
    h(doc, 'p', { class: 'widget-summary' }, summary(result)),
    h(doc, 'div', { class: 'th-maps' }, ...maps(doc, tokens, result).map((m) =>
      chartFigure(doc, { title: m.title, svg: heatmap(m.values, m.options), filename: `weights-${m.name}`, attrs: { 'data-map': m.name } }))),
    h(doc, 'div', { class: 'th-distance' }, chartFigure(doc, { title: t.heads.distanceTitle, svg: distanceChart(doc, result), filename: 'distance-to-target', attrs: { 'data-chart': 'distance' } })),
    decodedTable(doc, tokens, result),
  );
}

/**
 * Bring a drawn output area up to `state` in place when the maps keep their layout
 * (same number of letters); returns false, for a full redraw, otherwise.
 */
export function updateTwoHeads(root: HTMLElement, state: TwoHeadsState, computed = computeTwoHeads(state)): boolean {
  const { tokens, result } = computed;
  for (const m of maps(root.ownerDocument, tokens, result)) {
    const svg = root.querySelector<SVGSVGElement>(`[data-map="${m.name}"] svg[data-heatmap]`);
    if (!svg || !updateHeatmap(svg, m.values, m.options)) return false;
  }
  root.querySelector('.widget-summary')!.textContent = summary(result);
  root.querySelector('[data-chart="distance"] svg')!.replaceWith(distanceChart(root.ownerDocument, result));
  root.querySelector('table.decoded')!.parentElement!.replaceWith(decodedTable(root.ownerDocument, tokens, result));
  return true;
}
