/**
 * Everything the one-head widget shows below its controls, built from its state with
 * the real attention code. The same functions render the static HTML at build time
 * (with a linkedom document) and redraw in the page; when only values change, the
 * page refills the existing charts in place (updateOneHead), which fits in a frame.
 */
import { oneHeadExample, tokenize, type OneHeadExample } from '../../attention/demos';
import { colorLegend, heatmap, moveHeatmapFocus, updateHeatmap, type HeatmapOptions } from '../../charts/heatmap';
import { t } from '../../i18n/strings';
import { chartFigure, h, numberTable } from '../common/dom';
import type { OneHeadState } from './state';

/** A cell of the maps: [query row, key column]. */
export type Focus = readonly [number, number];

/** The maps the widget draws, in page order. */
export const MAPS = ['scores', 'weights', 'output'] as const;
export type MapName = (typeof MAPS)[number];

/** Run lesson 1's head on the state. */
export function computeOneHead(state: OneHeadState): { tokens: string[]; result: OneHeadExample } {
  const tokens = tokenize(state.sentence);
  return { tokens, result: oneHeadExample({ tokens, seed: state.seed, dK: state.dK, scaled: state.scaled, causal: state.causal, xScale: state.xScale }) };
}

/**
 * Scores are coloured on a fixed range, so switching the √d_k scaling off visibly
 * saturates the map; exact values are read out on focus and in the table.
 */
export const SCORE_RANGE = 4;

/** Columns of the output drawn as a map; wider outputs are in full in the table. */
export const OUTPUT_DIMS_SHOWN = 16;

const KEYS_HINT = t.mapKeysHint;

interface MapSpec {
  title: string;
  /** A colour key drawn above the map (fixed scales only). */
  legend?: { kind: HeatmapOptions['kind']; domain?: readonly [number, number]; label: string };
  /** Accessible name of the focusable figure (maps that can be explored), or undefined. */
  figureLabel?: string;
  filename: string;
  values: number[][];
  options: HeatmapOptions;
}

/** What each map shows, for a state: one description used by both render and update. */
function mapSpecs(doc: Document, state: OneHeadState, tokens: readonly string[], result: OneHeadExample, focus: Focus | null): Record<MapName, MapSpec> {
  const n = tokens.length;
  const shown = Math.min(state.dK, OUTPUT_DIMS_SHOWN);
  const scoreTitle = (state.scaled ? `Scores Q·Kᵀ / √${state.dK}` : 'Scores Q·Kᵀ (unscaled)') + (state.causal ? ' + causal mask' : '');
  // The causal mask hides key j from query i when j > i: −∞ scores, 0 weights, drawn grey.
  const masked = state.causal ? (i: number, j: number) => j > i : undefined;
  const greyNote = state.causal ? ' Grey cells above the diagonal are hidden by the causal mask (score −∞, weight 0).' : '';
  const common = { rowLabels: tokens, colLabels: tokens, xLabel: 'key', yLabel: 'query', focus, document: doc, maxWidth: 460, masked };
  return {
    scores: {
      legend: { kind: 'signed', domain: [-SCORE_RANGE, SCORE_RANGE], label: `Colour key of the scores: blue at −${SCORE_RANGE} or below, white at 0, red at +${SCORE_RANGE} or above.` },
      title: scoreTitle, figureLabel: `${scoreTitle}. ${KEYS_HINT}`, filename: 'scores', values: result.scores.to2DArray(),
      options: {
        ...common, kind: 'signed', digits: 1, showValues: false, domain: [-SCORE_RANGE, SCORE_RANGE],
        label: `${scoreTitle} for ${n} tokens: rows are queries, columns are keys; red is high, blue is low, full colour at ±${SCORE_RANGE} and beyond.${greyNote}`,
      },
    },
    weights: {
      legend: { kind: 'weights', label: 'Colour key of the weights: white at 0, dark blue at 1.' },
      title: 'Attention weights = softmax(scores)', figureLabel: `Attention weights. ${KEYS_HINT}`, filename: 'attention-weights', values: result.weights.to2DArray(),
      options: { ...common, kind: 'weights', label: `Attention weights for ${n} tokens: each row is a query's softmax over the keys and sums to 1; darker is more weight.${greyNote}` },
    },
    output: {
      title: `Output = weights · V   (${n} × ${state.dK})${shown < state.dK ? `, first ${shown} dimensions shown` : ''}`,
      filename: 'attention-output', values: result.output.to2DArray().map((row) => row.slice(0, shown)),
      options: {
        rowLabels: tokens, colLabels: Array.from({ length: shown }, (_, c) => String(c + 1)), kind: 'signed', xLabel: 'dimension',
        document: doc, maxWidth: 760, maxCell: 30, showValues: state.dK <= 8, digits: 2,
        label: `Output: one row of ${state.dK} numbers per token (${shown} drawn), the weighted sum of the value vectors; red is high, blue is low.`,
      },
    },
  };
}

/** How many keys query i may see: those whose score is not −∞ (all n without a mask). */
const visibleKeys = (result: OneHeadExample, i: number) => result.scores.getRow(i).filter((s) => s !== -Infinity).length;

/**
 * One sentence on what the picture shows: the most and least peaked queries. Under the
 * causal mask a query that sees a single key (the first) has no choice and is left out.
 */
export function summarize(tokens: readonly string[], result: OneHeadExample): string {
  const nan = result.weights.to1DArray().filter(Number.isNaN).length;
  if (nan > 0) return `${nan} of the ${result.weights.rows * result.weights.columns} weights are NaN (not a number): those rows cannot be drawn or used.`;
  const n = tokens.length;
  const rows = Array.from({ length: n }, (_, i) => i);
  const masked = rows.some((i) => visibleKeys(result, i) < n);
  const choosing = rows.filter((i) => visibleKeys(result, i) > 1);
  const considered = choosing.length > 0 ? choosing : rows;
  let peak = { row: 0, col: 0, w: -1 };
  let flat = { row: 0, w: 2 };
  for (const i of considered) {
    const row = result.weights.getRow(i);
    const max = Math.max(...row);
    if (max > peak.w) peak = { row: i, col: row.indexOf(max), w: max };
    if (max < flat.w) flat = { row: i, w: max };
  }
  const q = (i: number) => `“${tokens[i]}” (${i + 1})`;
  const seen = visibleKeys(result, flat.row);
  const uniform = masked ? `uniform over the ${seen} keys it sees would be ${(1 / seen).toFixed(2)}` : `uniform would be ${(1 / n).toFixed(2)}`;
  const first = masked && choosing.length < n ? ` ${q(0)} sees only itself, so it puts all its weight there.` : '';
  return `Most focused: ${q(peak.row)} puts ${peak.w.toFixed(2)} of its weight on ${q(peak.col)}. ` +
    `Most spread out: ${q(flat.row)}, whose largest weight is ${flat.w.toFixed(2)} (${uniform}).${first}`;
}

/** Text read out for a focused cell. */
export function describeCell(tokens: readonly string[], result: OneHeadExample, [i, j]: Focus): string {
  if (result.scores.get(i, j) === -Infinity) {
    return `Query “${tokens[i]}” (${i + 1}) → key “${tokens[j]}” (${j + 1}): ${t.oneHead.maskedCell} (score −∞, weight 0).`;
  }
  return `Query “${tokens[i]}” (${i + 1}) → key “${tokens[j]}” (${j + 1}): weight ${result.weights.get(i, j).toFixed(3)}, score ${result.scores.get(i, j).toFixed(3)}.`;
}

const IDLE_READOUT = t.oneHead.idleReadout;

function tables(doc: Document, tokens: readonly string[], result: OneHeadExample): HTMLElement[] {
  return [
    numberTable(doc, { caption: 'Attention weights: rows are queries, columns are keys', corner: 'query \\ key', rowLabels: tokens, colLabels: tokens, values: result.weights.to2DArray(), digits: 3 }),
    numberTable(doc, { caption: 'Scores', corner: 'score', rowLabels: tokens, colLabels: tokens, values: result.scores.to2DArray(), digits: 2 }),
    numberTable(doc, { caption: 'Output, every dimension', corner: 'output', rowLabels: tokens, colLabels: Array.from({ length: result.output.columns }, (_, c) => String(c + 1)), values: result.output.to2DArray(), digits: 2 }),
  ];
}

const legendCache = new WeakMap<Document, Map<string, SVGSVGElement>>();
/** Colour keys never change for a given scale: draw each once per document, then clone. */
function legendFor(doc: Document, legend: NonNullable<MapSpec['legend']>): SVGSVGElement {
  const cache = legendCache.get(doc) ?? new Map<string, SVGSVGElement>();
  legendCache.set(doc, cache);
  const key = `${legend.kind}|${legend.domain}|${legend.label}`;
  if (!cache.has(key)) cache.set(key, colorLegend(legend.kind, { domain: legend.domain, label: legend.label, document: doc }));
  return cache.get(key)!.cloneNode(true) as SVGSVGElement;
}

/** Options of {@link renderOneHead}. */
export interface RenderOptions {
  /**
   * Build the tables now (true, the default: the static page needs them), or leave
   * them to be filled when the reader opens them (false: a faster redraw).
   */
  tables?: boolean;
}

/** The whole output area, drawn from scratch. */
export function renderOneHead(doc: Document, state: OneHeadState, focus: Focus | null = null, computed = computeOneHead(state), { tables: withTables = true }: RenderOptions = {}): HTMLElement {
  const { tokens, result } = computed;
  const specs = mapSpecs(doc, state, tokens, result, focus);
  const figure = (name: MapName) => {
    const s = specs[name];
    return chartFigure(doc, {
      title: s.title, svg: heatmap(s.values, s.options), filename: s.filename,
      legend: s.legend && legendFor(doc, s.legend),
      attrs: { 'data-map': name, tabindex: s.figureLabel ? 0 : undefined, 'aria-label': s.figureLabel },
    });
  };
  return h(doc, 'div', { class: 'oh-output' },
    h(doc, 'p', { class: 'oh-summary' }, summarize(tokens, result)),
    h(doc, 'div', { class: 'oh-maps' }, figure('scores'), figure('weights')),
    h(doc, 'p', { class: 'oh-readout', 'aria-live': 'polite' }, focus ? describeCell(tokens, result, focus) : IDLE_READOUT),
    figure('output'),
    h(doc, 'details', { class: 'alt', 'data-stale': !withTables }, h(doc, 'summary', {}, t.oneHead.tables),
      ...(withTables ? tables(doc, tokens, result) : [0, 1, 2].map(() => h(doc, 'div', { class: 'table-scroll' })))),
  );
}

/**
 * Bring an output area drawn by {@link renderOneHead} up to `state` in place: same
 * elements, new numbers, labels and colours. Returns false, changing nothing, when the
 * layout differs (other token count, label widths or d_k): then render anew.
 */
export function updateOneHead(root: HTMLElement, state: OneHeadState, focus: Focus | null, computed = computeOneHead(state)): boolean {
  const doc = root.ownerDocument;
  const { tokens, result } = computed;
  const specs = mapSpecs(doc, state, tokens, result, focus);
  // A refill that fails part-way is harmless: the caller then renders everything anew.
  for (const name of MAPS) {
    const svg = root.querySelector<SVGSVGElement>(`[data-map="${name}"] svg[data-heatmap]`);
    if (!svg || !updateHeatmap(svg, specs[name].values, specs[name].options)) return false;
  }
  for (const name of MAPS) {
    const fig = root.querySelector<HTMLElement>(`[data-map="${name}"]`)!;
    fig.querySelector('.figure-title')!.textContent = specs[name].title;
    if (specs[name].figureLabel) fig.setAttribute('aria-label', specs[name].figureLabel!);
  }
  root.querySelector('.oh-summary')!.textContent = summarize(tokens, result);
  root.querySelector('.oh-readout')!.textContent = focus ? describeCell(tokens, result, focus) : IDLE_READOUT;
  const details = root.querySelector<HTMLDetailsElement>('details.alt');
  if (details?.open) fillTables(details, tokens, result);
  else details?.setAttribute('data-stale', ''); // filled when opened (see fillTables)
  return true;
}

/** Redraw the tables of an output area (closed tables are filled when opened). */
export function fillTables(details: HTMLDetailsElement, tokens: readonly string[], result: OneHeadExample): void {
  const fresh = tables(details.ownerDocument, tokens, result);
  // Everything after the summary: a wide matrix comes as several tables, so count nothing.
  details.replaceChildren(details.querySelector('summary')!, ...fresh);
  details.removeAttribute('data-stale');
}

/** Move the focus outline of the explorable maps and the readout, without redrawing. */
export function focusOneHead(root: HTMLElement, tokens: readonly string[], result: OneHeadExample, focus: Focus): void {
  for (const name of ['scores', 'weights'] as const) {
    const svg = root.querySelector<SVGSVGElement>(`[data-map="${name}"] svg[data-heatmap]`);
    if (svg) moveHeatmapFocus(svg, focus);
  }
  const readout = root.querySelector('.oh-readout');
  if (readout) readout.textContent = describeCell(tokens, result, focus);
}
