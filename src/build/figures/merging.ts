/**
 * Lesson 5's figures and numbers (merging heads), and the small bar chart its widget
 * shares with them. Everything is computed by src/attention/merge.ts at build time.
 */
import * as Plot from '@observablehq/plot';
import { MERGE_KINDS, mergeParameterCount, mergeSignal, opposingHeadsExample, type MergeKind } from '../../attention';
import { lineChart } from '../lines';
import { finalizeSvg, palette } from '../svg';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

/** Fixed colour of each merge, the same in every chart of the lesson (Okabe–Ito). */
export const MERGE_COLORS: Record<MergeKind, string> = {
  concat: palette.heads[0],
  average: palette.heads[5],
  weighted: palette.heads[3],
  gated: palette.heads[2],
};

/** One bar: a merge and how far heads 1 and 2 move its output, relative to head 1 alone. */
export interface SignalBar {
  kind: MergeKind;
  label: string;
  value: number;
}

/** Bars stop at this value; a longer one is drawn full length with its number printed. */
export const BARS_MAX = 3;
const BARS = { width: 460, marginLeft: 84, marginRight: 56, marginTop: 24, row: 30 } as const;

const barX = (v: number) => BARS.marginLeft + (Math.min(Math.max(v, 0), BARS_MAX) / BARS_MAX) * (BARS.width - BARS.marginLeft - BARS.marginRight);
const barText = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const barLabel = (b: SignalBar, highlight?: MergeKind) => (b.kind === highlight ? `▸ ${b.label}` : b.label);
const barFill = (b: SignalBar, highlight?: MergeKind) => (highlight === undefined || b.kind === highlight ? MERGE_COLORS[b.kind] : 'currentColor');
const barOpacity = (b: SignalBar, highlight?: MergeKind) => (highlight === undefined || b.kind === highlight ? '1' : '0.35');

/** Options of {@link mergeSignalBars}. */
export interface SignalBarsOptions {
  /** Accessible name of the chart. */
  label: string;
  /** The merge drawn in its colour (and marked ▸); the others are grey. */
  highlight?: MergeKind;
  document?: Document;
}

/**
 * Horizontal bars of the relative signal of each merge on a fixed axis from 0 to
 * {@link BARS_MAX}, with the value printed at the end of each bar and a dashed line at 1
 * (head 1 alone). Redraw in place with {@link updateMergeSignalBars}.
 */
export function mergeSignalBars(bars: readonly SignalBar[], o: SignalBarsOptions): SVGSVGElement {
  const data = bars.map((b) => ({ ...b, shown: Number.isFinite(b.value) ? Math.min(Math.max(b.value, 0), BARS_MAX) : 0 }));
  const svg = Plot.plot({
    document: o.document,
    width: BARS.width,
    height: BARS.marginTop + 8 + BARS.row * data.length,
    marginLeft: BARS.marginLeft, marginRight: BARS.marginRight, marginTop: BARS.marginTop, marginBottom: 8,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { domain: [0, BARS_MAX], axis: 'top', label: null, ticks: BARS_MAX * 2, grid: true },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0, tickFormat: (label: string) => barLabel(data.find((d) => d.label === label)!, o.highlight) },
    marks: [
      Plot.barX(data, { x: 'shown', y: 'label', fill: (d: SignalBar) => barFill(d, o.highlight), fillOpacity: (d: SignalBar) => Number(barOpacity(d, o.highlight)) }),
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
  bars.forEach((b, i) => {
    const x = barX(Number.isFinite(b.value) ? b.value : 0);
    set(rects[i], 'width', String(x - barX(0)));
    set(rects[i], 'fill', barFill(b, o.highlight));
    set(rects[i], 'fill-opacity', barOpacity(b, o.highlight));
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

/** The lesson's demonstration: the widget's default layer (seed 3, d_model 16, h 4). */
export const DEMO = { seed: 3, dModel: 16, h: 4 } as const;
/** Values of r in the figure of the relative signal against r. */
export const DEMO_RS = Array.from({ length: 17 }, (_, i) => -2 + i * 0.25);

const demoCache = new Map<number, Record<MergeKind, ReturnType<typeof mergeSignal>>>();
/** Every merge's signal on the demonstration at head 2 = r × head 1, computed once per r. */
export function demoSignals(r: number): Record<MergeKind, ReturnType<typeof mergeSignal>> {
  if (!demoCache.has(r)) {
    const ex = opposingHeadsExample({ ...DEMO, r });
    demoCache.set(r, Object.fromEntries(MERGE_KINDS.map((k) => [k, mergeSignal(k, ex.heads, ex)])) as Record<MergeKind, ReturnType<typeof mergeSignal>>);
  }
  return demoCache.get(r)!;
}

/** α₁/α₂ of the demonstration's weighted average: it cancels at r = −α₁/α₂. */
export function demoWeightedZero(): number {
  const ex = opposingHeadsExample({ ...DEMO, r: 1 });
  return -ex.alpha[0] / ex.alpha[1];
}

const fmt = (v: number, d = 3) => Number(v.toFixed(d));
const H_SWEEP = [1, 2, 4, 8, 16, 32, 64] as const;

export const mergingFigures = {
  /** How far heads 1 and 2 move each merge's output, against r. */
  'merging-cancel': (document?: Document): RenderedFigure => {
    const series = MERGE_KINDS.map((kind) => ({
      name: kind, color: MERGE_COLORS[kind], dashed: kind === 'gated',
      points: DEMO_RS.map((r) => ({ x: r, y: demoSignals(r)[kind].relative })),
    }));
    return {
      svg: lineChart(series, {
        label: 'Effect of heads 1 and 2 on each merge’s output, relative to head 1 alone, against r where head 2 = r × head 1. Averaging falls to 0 at r = −1, the weighted average at another negative r; concatenation and gating stay above 0.',
        xLabel: 'r (head 2 = r × head 1)', yLabel: 'heads 1 + 2 ÷ head 1 alone', document,
      }),
      table: {
        caption: `Heads 1 + 2 relative to head 1 alone (seed ${DEMO.seed}, d_model ${DEMO.dModel}, h ${DEMO.h})`,
        columns: ['r', ...MERGE_KINDS],
        rows: DEMO_RS.filter((r) => Number.isInteger(r * 2)).map((r) => [r, ...MERGE_KINDS.map((k) => fmt(demoSignals(r)[k].relative))]),
      },
    };
  },
  /** Parameters of each merge against h at d_model = 512. */
  'merging-params': (document?: Document): RenderedFigure => {
    const count = (kind: MergeKind, h: number) => mergeParameterCount(kind, { dModel: 512, h, bias: false });
    return {
      svg: lineChart(
        (['concat', 'average'] as const).map((kind) => ({ name: kind, color: MERGE_COLORS[kind], points: H_SWEEP.map((h) => ({ x: h, y: count(kind, h) })) })),
        {
          label: 'Parameters of the merge at d_model = 512 against h, both axes logarithmic: concatenation’s W_O stays at 262,144 whatever h is; averaging’s W_up shrinks as 512²/h.',
          xLabel: 'h', yLabel: 'parameters (no bias)', xType: 'log', yType: 'log', document,
        },
      ),
      table: {
        caption: 'Parameters of the merge at d_model = 512, without bias',
        columns: ['h', 'dₖ', ...MERGE_KINDS],
        rows: H_SWEEP.map((h) => [h, 512 / h, ...MERGE_KINDS.map((k) => count(k, h))]),
      },
    };
  },
} satisfies FigureMap;

const thousands = (v: number) => v.toLocaleString('en');
const at = (r: number, kind: MergeKind) => demoSignals(r)[kind];

/** Numbers lesson 5 quotes, computed by the code, never typed in. */
export const mergingNumbers = {
  'merging.params.concat.512.8': () => thousands(mergeParameterCount('concat', { dModel: 512, h: 8 })),
  'merging.params.average.512.8': () => thousands(mergeParameterCount('average', { dModel: 512, h: 8 })),
  'merging.params.weighted.512.8': () => thousands(mergeParameterCount('weighted', { dModel: 512, h: 8 })),
  'merging.params.gated.512.8': () => thousands(mergeParameterCount('gated', { dModel: 512, h: 8 })),
  'merging.distance.concat.-1': () => at(-1, 'concat').distance.toFixed(2),
  'merging.distance.average.-1': () => at(-1, 'average').distance.toFixed(3),
  'merging.relative.concat.-1': () => at(-1, 'concat').relative.toFixed(2),
  'merging.weightedZero': () => demoWeightedZero().toFixed(2).replace('-', '−'),
} satisfies NumberMap;
