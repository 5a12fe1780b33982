/**
 * What the K/V-cache calculator shows below its controls: the cache of the chosen model,
 * broken down from one vector to the whole context, and the bytes one generated token
 * reads for every number of K/V heads (kvReadChart). Computed by src/lib/kvMemory (which
 * calls kvCacheBytes of src/attention); the same functions draw the static HTML at build
 * time (linkedom) and redraw in the page. Drawing the chart anew costs more than a frame,
 * so the page refills the same elements when only the context or the precision changed
 * (updateKvCache): the bars keep their lengths, only the printed sizes change.
 */
import { kvReadChart, updateKvReadChart } from '../../charts/kvRead';
import { formatBytes, formatCount } from '../../charts/format';
import { t } from '../../i18n/strings';
import { kvCacheReport, kvReadSweep, type KvCacheReport, type KvReadData } from '../../lib/kvMemory';
import { modelById, type ModelConfig } from '../../lib/models';
import { chartFigure, h, scrollBox } from '../common/dom';
import type { KvCacheState } from './state';

const g = t.generating.kv;

/** Everything the calculator shows, for one state. */
export interface KvCacheView {
  model: ModelConfig;
  report: KvCacheReport;
  sweep: KvReadData;
}

/** Run the counting functions on a state. */
export function computeKvCache(state: KvCacheState): KvCacheView {
  const model = modelById(state.model);
  const options = { tokens: state.n, bytesPerValue: state.bytes };
  return { model, report: kvCacheReport(model, options), sweep: kvReadSweep(model, options) };
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** The breakdown as rows: what, formula, size. */
export function breakdownRows({ report: r }: KvCacheView): string[][] {
  return [
    ['one key (or value) vector of one head', `d_head · bytes = ${r.dHead} · ${r.bytesPerValue}`, formatBytes(r.perVector)],
    ['one K/V head, key and value, one token', `2 · ${formatBytes(r.perVector)}`, formatBytes(r.perHeadToken)],
    ['one layer, one token', `${plural(r.kvHeads, 'K/V head')} · ${formatBytes(r.perHeadToken)}`, formatBytes(r.perLayerToken)],
    ['whole model, one token', `${plural(r.layers, 'layer')} · ${formatBytes(r.perLayerToken)}`, formatBytes(r.perToken)],
    [`whole context (n = ${formatCount(r.tokens)})`, `${plural(r.tokens, 'token')} · ${formatBytes(r.perToken)}`, formatBytes(r.context)],
    [`the same with ${r.h} K/V heads (MHA)`, `${r.groupSize} · ${formatBytes(r.context)}`, formatBytes(r.contextIfMha)],
  ];
}

/** One paragraph: the cache, what each generated token reads, and what sharing K/V heads saved. */
export function summarizeKvCache({ model, report: r }: KvCacheView): string {
  const sharing = r.kvHeads === r.h
    ? `It has as many K/V heads as query heads (${r.h}): multi-head attention, nothing shared.`
    : `Its ${r.h} query heads share ${plural(r.kvHeads, 'K/V head')} (${r.groupSize} per group${r.kvHeads === 1 ? ': multi-query attention' : ''}); with one K/V head per query head the cache would be ${formatBytes(r.contextIfMha)}, ${r.groupSize} times as much.`;
  return `${model.name} caches ${formatBytes(r.perToken)} of keys and values per token (2 · ${r.layers} layers · ${r.kvHeads} K/V heads · ${r.dHead} · ${r.bytesPerValue} bytes). ` +
    `At n = ${formatCount(r.tokens)} that is ${formatBytes(r.context)}, and every generated token reads all of it. ${sharing}`;
}

/** Options of {@link renderKvCache}. */
export interface RenderOptions {
  /** Width of the chart in px. Default 520; the page passes the width it has. */
  chartWidth?: number;
  /** Open the chart's table. */
  tableOpen?: boolean;
}

const sweepRows = (view: KvCacheView) => view.sweep.rows.map((r) => [String(r.kvHeads), `${r.name}${r.isModel ? ' (the model’s own)' : ''}`, formatBytes(r.bytes)]);

/** The breakdown's row for the whole context (breakdownRows). */
const TOTAL_ROW = 4;

/** The whole output area, drawn from scratch. */
export function renderKvCache(doc: Document, state: KvCacheState, view: KvCacheView = computeKvCache(state), { chartWidth = 520, tableOpen = false }: RenderOptions = {}): HTMLElement {
  const rows = breakdownRows(view);
  const tokens = formatCount(state.n);
  const svg = kvReadChart(view.sweep, { width: chartWidth, document: doc });
  // `strong`: the row in bold (the whole context; the model's own number of K/V heads).
  const table = (caption: string, head: string[], body: string[][], attrs: Record<string, string>, strong: number) =>
    scrollBox(doc, caption, h(doc, 'table', { class: 'kv-table', ...attrs },
      h(doc, 'caption', { class: 'table-caption' }, caption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...head.map((c) => h(doc, 'th', { scope: 'col' }, c)))),
      h(doc, 'tbody', {}, ...body.map((row, i) => h(doc, 'tr', { class: i === strong ? 'kv-total' : undefined },
        h(doc, 'th', { scope: 'row' }, row[0]), ...row.slice(1).map((c) => h(doc, 'td', {}, c)))))));
  return h(doc, 'div', { class: 'kv-output' },
    h(doc, 'p', { class: 'widget-summary kv-summary' }, summarizeKvCache(view)),
    table(g.breakdown, [g.what, g.formula, g.size], rows, { 'data-table': 'breakdown' }, TOTAL_ROW),
    chartFigure(doc, { title: g.chartTitle(tokens), svg, filename: `kv-read-${state.model}-${state.n}`, attrs: { 'data-chart': 'kv-read' } }),
    h(doc, 'details', { class: 'alt', open: tableOpen }, h(doc, 'summary', {}, g.chartTable),
      table(g.chartTitle(tokens), [g.kvHeads, g.variant, g.read], sweepRows(view), { 'data-table': 'sweep' }, view.sweep.rows.findIndex((r) => r.isModel))),
    h(doc, 'p', { class: 'kv-note' }, g.source, view.model.source),
  );
}

const setText = (el: Element | null | undefined, text: string) => {
  if (el && el.textContent !== text) el.textContent = text;
};

/** Refill the body cells of a table drawn by renderKvCache; false when its shape differs. */
function refill(table: Element | null, rows: string[][]): boolean {
  const trs = table?.querySelectorAll('tbody tr');
  if (!trs || trs.length !== rows.length) return false;
  trs.forEach((tr, i) => Array.from(tr.children).forEach((c, j) => setText(c, rows[i][j])));
  return true;
}

/**
 * Bring an output area drawn by {@link renderKvCache} up to `state` in place: new text in
 * the summary, the tables and the chart's printed sizes. Returns false, having changed
 * nothing visible, when the chart's bars differ (another model, another width): draw anew.
 */
export function updateKvCache(root: HTMLElement, state: KvCacheState, view: KvCacheView = computeKvCache(state), { chartWidth = 520 }: RenderOptions = {}): boolean {
  const svg = root.querySelector<SVGSVGElement>('[data-chart="kv-read"] svg');
  const breakdown = root.querySelector('table[data-table="breakdown"]');
  const sweep = root.querySelector('table[data-table="sweep"]');
  if (!svg || !breakdown || !sweep || !updateKvReadChart(svg, view.sweep, chartWidth)) return false;
  const tokens = formatCount(state.n);
  refill(breakdown, breakdownRows(view));
  refill(sweep, sweepRows(view));
  setText(sweep.querySelector('caption'), g.chartTitle(tokens));
  setText(root.querySelector('.kv-summary'), summarizeKvCache(view));
  const figure = root.querySelector('[data-chart="kv-read"]')!;
  setText(figure.querySelector('.figure-title'), g.chartTitle(tokens));
  figure.setAttribute('data-filename', `kv-read-${state.model}-${state.n}`);
  return true;
}
