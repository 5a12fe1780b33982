/**
 * The head-count sweep's charts (lesson 6): test loss against training step, one line per h;
 * final accuracy per h; and the spread of final accuracy over seeds.
 *
 * Head colours mean "head i" in every lesson, so "the model with h heads" never takes one. A
 * model is drawn in the text colour and told apart by its label and its position (the bars
 * and ranges stand at their h on the x axis). On the loss chart, where lines share the plane,
 * each h also has a marker shape and a shade of its own ({@link markOfH}).
 */
import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth, NARROW_WIDTH } from './svg';

/** Marker shapes of Plot, one per h in order (the legend draws the same shapes as glyphs). */
export const H_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'times'] as const;
/** Glyphs for {@link H_SYMBOLS} in text (the widget's legend). */
export const H_GLYPHS = ['●', '■', '▲', '◆', '★', '✚', 'Y', '✕'] as const;

/** Opacity of the text colour for the fewest heads; more heads are drawn darker, up to 1. */
export const LIGHTEST_H_OPACITY = 0.6;

/** How the model with h heads is drawn on a chart it shares with other h. */
export interface HMark {
  /** Opacity of the text colour: lighter for fewer heads, from {@link LIGHTEST_H_OPACITY} to 1. */
  opacity: number;
  /** Index into {@link H_SYMBOLS} and {@link H_GLYPHS}. */
  shape: number;
}

/**
 * The mark of h among the head counts `all` (the divisors of d_model), the same on every chart
 * and in the legend. An h outside `all` takes the darkest shade and the next free shape.
 */
export function markOfH(h: number, all: readonly number[]): HMark {
  const i = all.indexOf(h);
  const rank = i < 0 ? all.length : i;
  const steps = Math.max(1, all.length - 1);
  return { opacity: Number((LIGHTEST_H_OPACITY + (1 - LIGHTEST_H_OPACITY) * Math.min(1, rank / steps)).toFixed(3)), shape: rank % H_SYMBOLS.length };
}

/** One line of the loss chart. */
export interface LossSeries {
  h: number;
  mark: HMark;
  points: readonly { step: number; loss: number }[];
  /** Dashed: shown for comparison (a shipped model among models trained here). */
  dashed?: boolean;
}

/** Options of {@link lossCurves}. */
export interface LossCurvesOptions {
  label: string;
  /** Training steps (the x axis runs from 0 to here). */
  steps: number;
  /** Loss of guessing uniformly, ln(vocab): a dashed reference line. */
  chance: number;
  width?: number;
  height?: number;
  document?: Document;
}

const MARGIN = { top: 16, bottom: 44, left: 52 };
const LABEL_GAP_PX = 13;
const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' };

/**
 * Move label positions apart so that neighbours are at least `gap` apart, keeping their
 * order and staying within [min, max] where possible. Returns new positions, same order.
 */
export function dodge(values: readonly number[], gap: number, min: number, max: number): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v); // top first
  const placed: number[] = [];
  for (const [k, { v }] of order.entries()) placed.push(k === 0 ? Math.min(v, max) : Math.min(v, placed[k - 1] - gap));
  // pushed below the bottom: shift the stack up as far as needed
  const below = min - placed[placed.length - 1];
  if (below > 0) for (let k = placed.length - 1; k >= 0; k--) placed[k] = Math.max(placed[k], min + (placed.length - 1 - k) * gap);
  const out = new Array<number>(values.length);
  order.forEach(({ i }, k) => (out[i] = placed[k]));
  return out;
}

/** Test loss against step, one line per h, labelled at its end; a dashed line at chance. */
export function lossCurves(series: readonly LossSeries[], o: LossCurvesOptions): SVGSVGElement {
  const width = fitWidth(o.width ?? 520);
  const height = o.height ?? 300;
  const top = Math.max(o.chance, ...series.flatMap((s) => s.points.map((p) => p.loss))) * 1.08;
  const perPx = top / (height - MARGIN.top - MARGIN.bottom);
  const ends = series.filter((s) => s.points.length > 0).map((s) => ({ s, last: s.points[s.points.length - 1] }));
  const labelY = dodge(ends.map((e) => e.last.loss), LABEL_GAP_PX * perPx, 0, top);
  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.25 }),
    Plot.ruleY([o.chance], { stroke: 'currentColor', strokeOpacity: 0.55, strokeDasharray: '3,4' }),
    Plot.text([o.chance], { x: 0, y: (d: number) => d, text: () => `guessing: ln ${Math.round(Math.exp(o.chance))} = ${o.chance.toFixed(2)}`, dy: -7, dx: 4, textAnchor: 'start', fill: 'currentColor', fillOpacity: 0.75 }),
  ];
  for (const s of series) {
    const symbol = H_SYMBOLS[s.mark.shape];
    marks.push(Plot.line(s.points, { x: 'step', y: 'loss', stroke: 'currentColor', strokeOpacity: s.mark.opacity, strokeWidth: 2, strokeDasharray: s.dashed ? '6,4' : undefined }));
    // a marker every few points, so that a line can be followed where lines cross
    const every = Math.max(1, Math.round(s.points.length / 6));
    const markers = s.points.filter((_, i) => i > 0 && (i % every === 0 || i === s.points.length - 1));
    marks.push(Plot.dot(markers, { x: 'step', y: 'loss', symbol: () => symbol, r: 3.5, fill: 'currentColor', fillOpacity: s.mark.opacity, className: 'h-marker' }));
  }
  ends.forEach((e, i) => marks.push(Plot.text([{ step: e.last.step, y: labelY[i] }], { x: 'step', y: 'y', text: () => `h = ${e.s.h}`, dx: 8, textAnchor: 'start', fill: 'currentColor', fontWeight: 600 })));
  const svg = Plot.plot({
    document: o.document, width, height, marginTop: MARGIN.top, marginRight: 64, marginLeft: MARGIN.left, marginBottom: MARGIN.bottom, style: FONT,
    symbol: { type: 'identity' },
    x: { domain: [0, o.steps], label: 'training step', labelAnchor: 'right', labelOffset: 38 },
    y: { domain: [0, top], label: 'test loss (cross-entropy)', grid: true },
    marks,
  }) as SVGSVGElement;
  return finalizeSvg(svg, o.label);
}

/** One bar of the accuracy chart. */
export interface AccuracyBar {
  h: number;
  mark: HMark;
  accuracy: number;
  dashed?: boolean;
}

/** Options of {@link accuracyBars}. */
export interface AccuracyBarsOptions {
  label: string;
  /** Width of the models: the x axis says dₖ = dModel / h under each h. */
  dModel: number;
  /** Accuracy of guessing, 1 / vocab: a dashed reference line. */
  chance: number;
  width?: number;
  height?: number;
  document?: Document;
}

/**
 * The h axis and the "guessing" label of the accuracy charts. Wide: dₖ under every h and
 * "guessing" in the right margin beside its line. Narrow: no room for either, so dₖ goes into
 * the axis title, and "guessing" goes above its line inside the plot ('line': thin ranges
 * leave it room) or into the top right corner as a key to the dashed line ('corner': bars
 * would run through it).
 */
function hAxisOf(narrow: boolean, keys: string[], dModel: number, chance: number, narrowGuessing: 'corner' | 'line') {
  const pct = `${(chance * 100).toFixed(1)}%`;
  return {
    x: narrow
      ? { domain: keys, label: `h (dₖ = ${dModel} / h)`, labelAnchor: 'center' as const, labelOffset: 36, padding: 0.3, tickFormat: (k: string) => `h = ${k}` }
      : { domain: keys, label: null, padding: 0.3, tickFormat: (k: string) => `h = ${k}\ndₖ = ${dModel / Number(k)}` },
    guessing: narrow
      ? narrowGuessing === 'corner'
        ? Plot.text([chance * 100], { frameAnchor: 'top-right', text: () => `╌ guessing ${pct}`, dy: -(MARGIN.top + 6), textAnchor: 'end', fill: 'currentColor', fillOpacity: 0.75 })
        : Plot.text([chance * 100], { frameAnchor: 'right', y: (d: number) => d, text: () => `guessing ${pct}`, dy: -8, textAnchor: 'end', fill: 'currentColor', fillOpacity: 0.75 })
      : Plot.text([chance * 100], { frameAnchor: 'right', y: (d: number) => d, text: () => `guessing\n${pct}`, dx: 6, textAnchor: 'start', lineAnchor: 'middle', fill: 'currentColor', fillOpacity: 0.75 }),
    margins: { marginBottom: narrow ? 44 : 52, marginRight: narrow ? 12 : 62 },
  };
}

/** Final accuracy per h as bars, with its value on top and dₖ under each h. */
export function accuracyBars(bars: readonly AccuracyBar[], o: AccuracyBarsOptions): SVGSVGElement {
  const rows = bars.map((b) => ({ ...b, key: String(b.h), pct: b.accuracy * 100 }));
  const width = fitWidth(o.width ?? 420);
  // Five bars with "dₖ = 16" under each and "guessing" beside need about 400 px.
  const axis = hAxisOf(width < 400, rows.map((r) => r.key), o.dModel, o.chance, 'corner');
  const svg = Plot.plot({
    document: o.document, width, height: o.height ?? 300, marginTop: MARGIN.top + 14, marginLeft: MARGIN.left, ...axis.margins, style: FONT, // room for the axis title above the 100 tick
    x: axis.x,
    y: { domain: [0, 100], label: 'final test accuracy (%)', grid: true },
    marks: [
      ...rows.map((r) => Plot.barY([r], { x: 'key', y: 'pct', fill: 'currentColor', fillOpacity: r.dashed ? 0.15 : r.mark.opacity, stroke: 'currentColor', strokeOpacity: r.mark.opacity, strokeDasharray: r.dashed ? '4,3' : undefined })),
      Plot.text(rows, { x: 'key', y: 'pct', text: (r: { pct: number }) => `${r.pct.toFixed(1)}%`, dy: -8, fill: 'currentColor', fontWeight: 600 }),
      Plot.ruleY([o.chance * 100], { stroke: 'currentColor', strokeOpacity: 0.55, strokeDasharray: '3,4' }),
      axis.guessing,
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
    ],
  }) as SVGSVGElement;
  return finalizeSvg(svg, o.label);
}

/** One h of the seed-range chart: its final accuracy at each seed. */
export interface SeedRangeRow {
  h: number;
  /** Final accuracy (0–1) of the model trained with each seed. */
  runs: readonly { seed: number; accuracy: number }[];
}

/** Options of {@link seedRangeChart}. */
export interface SeedRangeOptions {
  label: string;
  /** Width of the models: the x axis says dₖ = dModel / h under each h. */
  dModel: number;
  /** Accuracy of guessing, 1 / vocab: a dashed reference line. */
  chance: number;
  width?: number;
  height?: number;
  document?: Document;
}

/** Mean, smallest and largest of some accuracies (0–1). */
export function seedStats(runs: readonly { accuracy: number }[]): { mean: number; min: number; max: number } {
  if (runs.length === 0) throw new RangeError('seedStats needs at least one run');
  const acc = runs.map((r) => r.accuracy);
  return { mean: acc.reduce((a, b) => a + b, 0) / acc.length, min: Math.min(...acc), max: Math.max(...acc) };
}

/**
 * Final accuracy per h over several seeds: a vertical bar from the lowest to the highest
 * seed (the range), a large dot at the mean with its value beside it, and each seed as a
 * small hollow dot, so the spread is never hidden behind an average.
 */
export function seedRangeChart(rows: readonly SeedRangeRow[], o: SeedRangeOptions): SVGSVGElement {
  const width = fitWidth(o.width ?? 420);
  const stats = rows.map((r) => ({ key: String(r.h), ...seedStats(r.runs) }));
  const seeds = rows.flatMap((r) => r.runs.map((run) => ({ key: String(r.h), pct: run.accuracy * 100 })));
  // A wide chart puts each mean's value to the right of its dot; a narrow one above its range.
  const narrow = width < NARROW_WIDTH;
  const axis = hAxisOf(narrow, stats.map((s) => s.key), o.dModel, o.chance, 'line');
  const text = (s: { mean: number }) => `${(s.mean * 100).toFixed(1)}%`;
  const meanLabel = narrow
    ? Plot.text(stats, { x: 'key', y: (s: { max: number }) => s.max * 100, text, dy: -12, textAnchor: 'middle', fill: 'currentColor', fontWeight: 600 })
    : Plot.text(stats, { x: 'key', y: (s: { mean: number }) => s.mean * 100, text, dx: 9, textAnchor: 'start', fill: 'currentColor', fontWeight: 600 });
  const svg = Plot.plot({
    document: o.document, width, height: o.height ?? 300, marginTop: MARGIN.top + 14, marginLeft: MARGIN.left, ...axis.margins, style: FONT,
    x: axis.x,
    y: { domain: [0, 100], label: 'final test accuracy (%)', grid: true },
    marks: [
      Plot.ruleY([o.chance * 100], { stroke: 'currentColor', strokeOpacity: 0.55, strokeDasharray: '3,4' }),
      axis.guessing,
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.ruleX(stats, { x: 'key', y1: (s: { min: number }) => s.min * 100, y2: (s: { max: number }) => s.max * 100, stroke: 'currentColor', strokeWidth: 6, strokeOpacity: 0.3, strokeLinecap: 'round' }),
      Plot.dot(seeds, { x: 'key', y: 'pct', r: 3, stroke: 'currentColor', strokeWidth: 1.5, fill: 'none', dx: -9, className: 'seed-run' }),
      Plot.dot(stats, { x: 'key', y: (s: { mean: number }) => s.mean * 100, r: 5, fill: 'currentColor' }),
      meanLabel,
    ],
  }) as SVGSVGElement;
  return finalizeSvg(svg, o.label);
}
