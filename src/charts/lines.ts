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
  const legendHeight = narrow ? LEGEND_LINE * series.length + 6 : 0;
  series.forEach((s, i) => {
    const stroke = colorOf.get(s.name)!;
    marks.push(Plot.line(s.points, { x: 'x', y: 'y', stroke, strokeWidth: 2, strokeDasharray: s.dashed ? '5,4' : undefined }));
    if (!s.dashed) marks.push(Plot.dot(s.points, { x: 'x', y: 'y', fill: stroke, r: 3 }));
    const last = s.points[s.points.length - 1];
    if (!last) return;
    if (!narrow) {
      marks.push(Plot.text([last], { x: 'x', y: 'y', text: () => s.name, dx: 8, textAnchor: 'start', fill: stroke, fontWeight: 600, className: 'end-label' }));
    } else {
      // the legend: a line sample and the name, below the x axis title, one series per line
      const text = `${s.dashed ? '╌╌' : '━━'} ${s.name}`;
      marks.push(Plot.text([text], { frameAnchor: 'bottom-left', dy: 44 + LEGEND_LINE * (i + 1) - 4, text: (d: string) => d, textAnchor: 'start', fill: stroke, fontWeight: 600, className: 'legend-label' }));
    }
  });
  // Room on the left for the longest y tick label ("262,144"), at about 7 px a character.
  const ys = [...rows.map((r) => r.y), ...(o.yDomain ?? [])].filter(Number.isFinite);
  const widest = Math.max(0, ...ys.map((y) => Math.round(y).toLocaleString('en-US').length + (y < 0 ? 1 : 0)));
  const height = (o.height ?? 300) + legendHeight;
  const svg = Plot.plot({
    document: o.document,
    width,
    height,
    marginRight: narrow ? 16 : 110,
    marginLeft: Math.max(52, 16 + 7 * widest),
    marginBottom: 44 + legendHeight,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { type: o.xType ?? 'linear', base: o.base ?? 2, label: o.xLabel, labelAnchor: 'right', labelOffset: 38, domain: o.xDomain, ticks: o.xType === 'log' ? [...new Set(rows.map((r) => r.x))] : undefined, tickFormat: o.xType === 'log' ? (d: number) => String(d) : undefined },
    y: { type: o.yType ?? 'linear', base: o.base ?? 2, label: o.yLabel, grid: true, domain: o.yDomain, nice: true },
    marks,
  }) as SVGSVGElement;
  if (!narrow) spreadLabels(svg, 'end-label', { bottom: height - 44 }); // series that end at the same place keep readable names
  return finalizeSvg(svg, o.label);
}
