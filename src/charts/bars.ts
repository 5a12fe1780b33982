import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth } from './svg';
import { palette } from './palette';

/** The ways of merging heads the bars know a colour for. */
export type MergeName = keyof typeof palette.merge;

/** Fixed colour of each merge, the same in every chart of lesson 5 (Okabe–Ito). */
export const MERGE_COLORS: Readonly<Record<MergeName, string>> = palette.merge;

/** One bar: a merge and how far heads 1 and 2 move its output, relative to head 1 alone. */
export interface SignalBar {
  kind: MergeName;
  label: string;
  value: number;
}

/** Bars stop at this value; a longer one is drawn full length with its number printed. */
export const BARS_MAX = 3;
const BARS = { width: 460, marginLeft: 84, marginRight: 56, marginTop: 24, row: 30 } as const;

/** Where a value's bar ends, in a chart `width` px wide. */
const barX = (v: number, width: number) => BARS.marginLeft + (Math.min(Math.max(v, 0), BARS_MAX) / BARS_MAX) * (width - BARS.marginLeft - BARS.marginRight);
const barText = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const barLabel = (b: SignalBar, highlight?: MergeName) => (b.kind === highlight ? `▸ ${b.label}` : b.label);
// Every bar in its merge's colour, as the lesson's tables and other charts show it (marks keep
// 3:1 on both themes only at full strength); the merge shown is marked ▸ by its label.
const barFill = (b: SignalBar) => MERGE_COLORS[b.kind];

/** Options of {@link mergeSignalBars}. */
export interface SignalBarsOptions {
  /** Accessible name of the chart. */
  label: string;
  /** The merge drawn in its colour (and marked ▸); the others are grey. */
  highlight?: MergeName;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

/**
 * Horizontal bars of the relative signal of each merge on a fixed axis from 0 to
 * {@link BARS_MAX}, with the value printed at the end of each bar and a dashed line at 1
 * (head 1 alone). Redraw in place with {@link updateMergeSignalBars}.
 */
export function mergeSignalBars(bars: readonly SignalBar[], o: SignalBarsOptions): SVGSVGElement {
  const data = bars.map((b) => ({ ...b, shown: Number.isFinite(b.value) ? Math.min(Math.max(b.value, 0), BARS_MAX) : 0 }));
  const width = fitWidth(BARS.width);
  const svg = Plot.plot({
    document: o.document,
    width,
    height: BARS.marginTop + 8 + BARS.row * data.length,
    marginLeft: BARS.marginLeft, marginRight: BARS.marginRight, marginTop: BARS.marginTop, marginBottom: 8,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { domain: [0, BARS_MAX], axis: 'top', label: null, ticks: width < 400 ? BARS_MAX : BARS_MAX * 2, grid: true },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0, tickFormat: (label: string) => barLabel(data.find((d) => d.label === label)!, o.highlight) },
    marks: [
      Plot.barX(data, { x: 'shown', y: 'label', fill: (d: SignalBar) => barFill(d) }),
      Plot.ruleX([1], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
      Plot.text(data, { x: 'shown', y: 'label', text: (d: SignalBar) => barText(d.value), dx: 6, textAnchor: 'start', fill: 'currentColor' }),
    ],
  }) as SVGSVGElement;
  // Tag what an update changes, before finalizeSvg drops Plot's aria-labels.
  svg.querySelectorAll('g[aria-label="y-axis tick label"] text').forEach((t) => t.setAttribute('data-bar-label', ''));
  svg.querySelectorAll('g[aria-label="bar"] rect').forEach((r) => r.setAttribute('data-bar', ''));
  svg.querySelectorAll('g[aria-label="text"] text').forEach((t) => t.setAttribute('data-bar-value', ''));
  svg.setAttribute('data-bars', data.map((d) => d.label).join('|'));
  svg.setAttribute('data-width', String(width));
  updateMergeSignalBars(svg, bars, o); // positions from one formula, so an update matches a fresh render
  return finalizeSvg(svg, o.label);
}

/**
 * Refill bars drawn by {@link mergeSignalBars} with new values and highlight, without
 * re-rendering. Returns false (changing nothing) when the bars are not the same list.
 */
export function updateMergeSignalBars(svg: SVGSVGElement, bars: readonly SignalBar[], o: SignalBarsOptions): boolean {
  if (svg.getAttribute('data-bars') !== bars.map((b) => b.label).join('|')) return false;
  const rects = svg.querySelectorAll('rect[data-bar]');
  const values = svg.querySelectorAll('text[data-bar-value]');
  const labels = svg.querySelectorAll('text[data-bar-label]');
  if (rects.length !== bars.length || values.length !== bars.length || labels.length !== bars.length) return false;
  const width = Number(svg.getAttribute('data-width') ?? BARS.width);
  bars.forEach((b, i) => {
    const x = barX(Number.isFinite(b.value) ? b.value : 0, width);
    set(rects[i], 'width', String(x - barX(0, width)));
    set(rects[i], 'fill', barFill(b));
    const y = /,\s*([-\d.]+)\)/.exec(values[i].getAttribute('transform') ?? '')?.[1] ?? '0';
    set(values[i], 'transform', `translate(${x},${y})`);
    if (values[i].textContent !== barText(b.value)) values[i].textContent = barText(b.value);
    if (labels[i].textContent !== barLabel(b, o.highlight)) labels[i].textContent = barLabel(b, o.highlight);
  });
  svg.setAttribute('aria-label', o.label);
  return true;
}

function set(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
