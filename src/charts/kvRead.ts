import * as Plot from '@observablehq/plot';
import { formatBytes } from './format';
import { finalizeSvg, palette } from './svg';

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

const UNITS = [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024], ['B', 1]] as const;
/** The largest binary unit in which the largest bar is at least 1. */
function unitFor(max: number): readonly [string, number] {
  return UNITS.find(([, size]) => max >= size) ?? UNITS[UNITS.length - 1];
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

/**
 * Horizontal bars of the K/V bytes one generated token reads, one bar per number of K/V
 * heads from multi-head (top) to multi-query (bottom), on a linear axis in the largest
 * binary unit that fits; the model's own configuration in the value colour, the others
 * grey, each with its size printed at the end.
 */
export function kvReadChart(data: KvReadChartData, { width = 520, document }: KvReadChartOptions = {}): SVGSVGElement {
  const max = Math.max(...data.rows.map((r) => r.bytes));
  const [unit, size] = unitFor(max);
  const bars = data.rows.map((r) => ({ ...r, label: rowLabel(r), value: r.bytes / size }));
  const row = 26;
  const svg = Plot.plot({
    document, width,
    height: 40 + row * bars.length,
    marginLeft: 96, marginRight: 72, marginTop: 32, marginBottom: 8,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { domain: [0, max / size], axis: 'top', label: `${unit} read per generated token`, labelAnchor: 'left', grid: true, ticks: 4 },
    y: { domain: bars.map((b) => b.label), label: null, tickSize: 0 },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'label', fill: (b: KvReadBar) => (b.isModel ? palette.v : 'currentColor'), fillOpacity: (b: KvReadBar) => (b.isModel ? 1 : 0.35) }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
      Plot.text(bars, { x: 'value', y: 'label', text: (b: KvReadBar) => formatBytes(b.bytes), dx: 6, textAnchor: 'start', fill: 'currentColor' }),
    ],
  }) as SVGSVGElement;
  svg.setAttribute('data-kv-read', '');
  return finalizeSvg(svg, kvReadLabel(data));
}
