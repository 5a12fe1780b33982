import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth, NARROW_WIDTH, spreadLabels } from './svg';

/** One named series of (x, y) points. */
export interface Series {
  name: string;
  color: string;
  points: readonly { x: number; y: number }[];
  /** Draw dashed (for reference lines such as theory). */
  dashed?: boolean;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  xType?: 'linear' | 'log';
  yType?: 'linear' | 'log';
  /** Log base of log axes. Default 2. */
  base?: number;
  yDomain?: [number, number];
  xDomain?: [number, number];
  width?: number;
  height?: number;
  document?: Document;
}

/** Height of one line of the legend drawn below a narrow chart. */
const LEGEND_LINE = 17;

/** How much taller a narrow chart is for a legend of `lines` series below it. */
export const legendHeight = (lines: number): number => LEGEND_LINE * lines + 6;

/**
 * Line `i` of the legend a narrow chart draws below its x axis instead of names at the line
 * ends: a line sample and the series' name, in its colour. `axisHeight`: the bottom margin the
 * chart has without the legend.
 */
export function legendLine(s: Pick<Series, 'name' | 'color' | 'dashed'>, i: number, axisHeight: number): Plot.Markish {
  return Plot.text([`${s.dashed ? '╌╌' : '━━'} ${s.name}`], {
    frameAnchor: 'bottom-left', dy: axisHeight + LEGEND_LINE * (i + 1) - 4, text: (d: string) => d, textAnchor: 'start', fill: s.color, fontWeight: 600, className: 'legend-label',
  });
}

/**
 * Lines with dots and a direct label at each series' last point (no legend to decode). Drawn
 * narrower than {@link NARROW_WIDTH} (a phone), the names go in a legend below the chart
 * instead, one per line, so the lines keep the width.
 */
export function lineChart(series: readonly Series[], o: LineChartOptions): SVGSVGElement {
  const width = fitWidth(o.width ?? 560);
  const narrow = width < NARROW_WIDTH;
  const rows = series.flatMap((s) => s.points.map((p) => ({ ...p, name: s.name })));
  const colorOf = new Map(series.map((s) => [s.name, s.color]));
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.25 })];
  const legendRoom = narrow ? legendHeight(series.length) : 0;
  series.forEach((s, i) => {
    const stroke = colorOf.get(s.name)!;
    marks.push(Plot.line(s.points, { x: 'x', y: 'y', stroke, strokeWidth: 2, strokeDasharray: s.dashed ? '5,4' : undefined }));
    if (!s.dashed) marks.push(Plot.dot(s.points, { x: 'x', y: 'y', fill: stroke, r: 3 }));
    const last = s.points[s.points.length - 1];
    if (!last) return;
    if (!narrow) {
      marks.push(Plot.text([last], { x: 'x', y: 'y', text: () => s.name, dx: 8, textAnchor: 'start', fill: stroke, fontWeight: 600, className: 'end-label' }));
    } else {
      marks.push(legendLine({ ...s, color: stroke }, i, 44)); // below the x axis title, one series per line
    }
  });
  // Room on the left for the longest y tick label ("262,144"), at about 7 px a character.
  const ys = [...rows.map((r) => r.y), ...(o.yDomain ?? [])].filter(Number.isFinite);
  const widest = Math.max(0, ...ys.map((y) => Math.round(y).toLocaleString('en-US').length + (y < 0 ? 1 : 0)));
  const height = (o.height ?? 300) + legendRoom;
  const marginRight = narrow ? 16 : 110;
  const marginLeft = Math.max(52, 16 + 7 * widest);
  const xTicks = o.xType === 'log' ? logTicks([...new Set(rows.map((r) => r.x))], o.xDomain, [marginLeft, width - marginRight]) : undefined;
  const svg = Plot.plot({
    document: o.document,
    width,
    height,
    marginTop: 28, // the y axis title clear of the top tick label (often the widest, "262,144")
    marginRight,
    marginLeft,
    marginBottom: 44 + legendRoom,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { type: o.xType ?? 'linear', base: o.base ?? 2, label: o.xLabel, labelAnchor: 'right', labelOffset: 38, domain: o.xDomain, ticks: xTicks, tickFormat: o.xType === 'log' ? (d: number) => String(d) : undefined },
    y: { type: o.yType ?? 'linear', base: o.base ?? 2, label: o.yLabel, grid: true, domain: o.yDomain, nice: true },
    marks,
  }) as SVGSVGElement;
  if (!narrow) spreadLabels(svg, 'end-label', { bottom: height - 44 }); // series that end at the same place keep readable names
  return finalizeSvg(svg, o.label);
}

/** About how wide a tick label's character is at 12 px, and the least space between two labels. */
const TICK_CHAR = 7;
const TICK_GAP = 10;

/**
 * The x values of a log axis to label: all of them where their labels fit side by side in
 * `range` (px); else only the powers of two among them, if there are three or more; else every
 * second (third, …) one, counted from the last. So "128 256 512" does not run together on a
 * phone, and the labels that remain are evenly spaced.
 */
export function logTicks(values: readonly number[], domain: readonly [number, number] | undefined, range: readonly [number, number]): number[] {
  const sorted = [...new Set(values)].filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length < 2) return sorted;
  const [lo, hi] = domain ?? [sorted[0], sorted[sorted.length - 1]];
  const px = (v: number) => range[0] + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo) || 1)) * (range[1] - range[0]);
  const half = (v: number) => (String(v).length * TICK_CHAR) / 2;
  const fit = (ticks: number[]) => ticks.every((v, i) => i === 0 || px(v) - half(v) - (px(ticks[i - 1]) + half(ticks[i - 1])) >= TICK_GAP);
  const powers = sorted.filter((v) => Number.isInteger(Math.log2(v)));
  const base = fit(sorted) ? sorted : powers.length >= 3 ? powers : sorted;
  for (let step = 1; step < base.length; step++) {
    const ticks = base.filter((_, i) => (base.length - 1 - i) % step === 0);
    if (fit(ticks)) return ticks;
  }
  return [base[base.length - 1]];
}
