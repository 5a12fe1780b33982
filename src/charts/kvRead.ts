import * as Plot from '@observablehq/plot';
import { formatBytes } from './format';
import { finalizeSvg, fitWidth } from './svg';
import { palette } from './palette';

/** One bar: a number of K/V heads and the bytes one decoding step reads from the cache. */
export interface KvReadBar {
  kvHeads: number;
  /** "MHA", "GQA-8", "MQA", … */
  name: string;
  bytes: number;
  /** The model's own configuration: drawn in colour and marked ▸. */
  isModel: boolean;
}

/** What {@link kvReadChart} draws. */
export interface KvReadChartData {
  /** The model's name, for the accessible label. */
  model: string;
  /** Tokens in the cache. */
  tokens: number;
  bytesPerValue: number;
  /** From MHA (most K/V heads) down to MQA (one), top to bottom. */
  rows: readonly KvReadBar[];
}

/** Options of {@link kvReadChart}. */
export interface KvReadChartOptions {
  /** Width in px. Default 520. */
  width?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

const rowLabel = (r: KvReadBar) => `${r.isModel ? '▸ ' : ''}${r.name} (${r.kvHeads})`;

/** The chart's accessible name: what it shows, with the two ends in numbers. */
export function kvReadLabel(data: KvReadChartData): string {
  const first = data.rows[0];
  const last = data.rows[data.rows.length - 1];
  const own = data.rows.find((r) => r.isModel);
  return `Bytes of keys and values one decoding step reads from the cache of ${data.model} at ${data.tokens.toLocaleString('en-US')} tokens ` +
    `(${data.bytesPerValue} byte${data.bytesPerValue === 1 ? '' : 's'} per value), for each number of K/V heads: ` +
    `${formatBytes(first.bytes)} with ${first.kvHeads} (${first.name}) down to ${formatBytes(last.bytes)} with ${last.kvHeads} (${last.name}), in proportion to the K/V heads` +
    `${own ? `; the model's own ${own.kvHeads} read ${formatBytes(own.bytes)}` : ''}.`;
}

/** What fixes the geometry of a chart: its bars (their names and which is the model's). */
const shapeKey = (data: KvReadChartData, width: number) => `${width}|${data.rows.map(rowLabel).join('|')}`;

/**
 * Horizontal bars of the K/V bytes one generated token reads, one bar per number of K/V
 * heads from multi-head (top) to multi-query (bottom), each with its size printed at its end;
 * the model's own configuration in the value colour, the others grey. The bars are
 * proportional to their K/V heads whatever the context and precision, so there is no axis:
 * the printed sizes carry the scale, and {@link updateKvReadChart} refills them in place.
 */
export function kvReadChart(data: KvReadChartData, { width: preferred = 520, document }: KvReadChartOptions = {}): SVGSVGElement {
  const width = fitWidth(preferred);
  const max = Math.max(...data.rows.map((r) => r.bytes));
  const bars = data.rows.map((r) => ({ ...r, label: rowLabel(r), value: r.bytes / max }));
  const row = 26;
  const svg = Plot.plot({
    document, width,
    height: 16 + row * bars.length,
    marginLeft: 96, marginRight: 72, marginTop: 8, marginBottom: 8,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { domain: [0, 1], axis: null },
    y: { domain: bars.map((b) => b.label), label: null, tickSize: 0 },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'label', fill: (b: KvReadBar) => (b.isModel ? palette.v : 'currentColor'), fillOpacity: (b: KvReadBar) => (b.isModel ? 1 : 0.35) }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
      Plot.text(bars, { x: 'value', y: 'label', text: (b: KvReadBar) => formatBytes(b.bytes), dx: 6, textAnchor: 'start', fill: 'currentColor' }),
    ],
  }) as SVGSVGElement;
  // Tag what an update changes, before finalizeSvg drops Plot's aria-labels.
  svg.querySelectorAll('g[aria-label="text"] text').forEach((t) => t.setAttribute('data-kv-value', ''));
  svg.setAttribute('data-kv-read', shapeKey(data, width));
  return finalizeSvg(svg, kvReadLabel(data));
}

/**
 * Bring a chart drawn by {@link kvReadChart} up to `data` in place: the printed sizes and the
 * accessible name. Returns false, changing nothing, when the bars differ (another model's
 * K/V-head counts, or another width): then draw anew.
 */
export function updateKvReadChart(svg: SVGSVGElement, data: KvReadChartData, preferred = 520): boolean {
  const width = fitWidth(preferred);
  if (svg.getAttribute('data-kv-read') !== shapeKey(data, width)) return false;
  const texts = svg.querySelectorAll('text[data-kv-value]');
  if (texts.length !== data.rows.length) return false;
  texts.forEach((t, i) => {
    const text = formatBytes(data.rows[i].bytes);
    if (t.textContent !== text) t.textContent = text;
  });
  svg.setAttribute('aria-label', kvReadLabel(data));
  return true;
}
