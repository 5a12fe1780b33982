import * as Plot from '@observablehq/plot';
import { formatCount, formatSi } from './format';
import { finalizeSvg, fitWidth, NARROW_WIDTH } from './svg';
import { legendHeight, legendLine } from './lines';
import { SERIES } from './palette';

/** Forward FLOPs of one attention layer at one sequence length. */
export interface FlopsPoint {
  n: number;
  /** The projections' term, 8·n·d². */
  projections: number;
  /** The attention term, 4·n²·d. */
  attention: number;
}

/** What {@link flopsChart} draws. */
export interface FlopsChartData {
  dModel: number;
  /** Points of both lines, by increasing n; the first and last are the ends of the n axis. */
  points: readonly FlopsPoint[];
  /** Where the two terms are equal (n = 2d). */
  crossing: FlopsPoint;
  /** A sequence length to mark on both lines. */
  marker?: FlopsPoint;
}

/** Options of {@link flopsChart}. */
export interface FlopsChartOptions {
  /** Width in px. Default 560. */
  width?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Where a value lands on a log scale of the given domain and range (d3's scaleLog). */
const logPosition = (v: number, [d0, d1, r0, r1]: number[]) => r0 + ((Math.log(v) - Math.log(d0)) / (Math.log(d1) - Math.log(d0))) * (r1 - r0);
const px = (v: number) => v.toFixed(2);
/** Axis ticks for powers of ten in SI: 1e9 → "1G". */
const siTick = (d: number) => formatSi(d).replace(' ', '');
const nRange = (data: FlopsChartData) => [data.points[0].n, data.points[data.points.length - 1].n] as const;
const chartKey = (data: FlopsChartData) => [data.dModel, ...nRange(data)].join('|');

function flopsLabel(data: FlopsChartData): string {
  return `Forward FLOPs of one attention layer with d_model = ${data.dModel}, against the sequence length n on log–log axes. ` +
    `The projections grow in proportion to n, the attention term with n²; they are equal at n = ${data.crossing.n}${data.marker ? `; n = ${data.marker.n} is marked` : ''}.`;
}

/** Put the n marker of a FLOPs chart at `marker`, from the scales stored on the chart. */
function placeMarker(svg: Element, marker: FlopsPoint): void {
  const x = svg.getAttribute('data-x')!.split(',').map(Number);
  const y = svg.getAttribute('data-y')!.split(',').map(Number);
  const [proj, attn] = Array.from(svg.querySelectorAll('[data-marker] circle'));
  for (const [dot, value] of [[proj, marker.projections], [attn, marker.attention]] as const) {
    dot.setAttribute('cx', px(logPosition(marker.n, x)));
    dot.setAttribute('cy', px(logPosition(value, y)));
  }
}

/** Powers of `base` from `from` to `to`, thinned to at most `most` so that labels never collide. */
function powers(base: number, from: number, to: number, most: number): number[] {
  const k0 = Math.ceil(Math.log(from) / Math.log(base) - 1e-9);
  const k1 = Math.floor(Math.log(to) / Math.log(base) + 1e-9);
  const step = Math.max(1, Math.ceil((k1 - k0 + 1) / most));
  const out: number[] = [];
  for (let k = Math.ceil(k0 / step) * step; k <= k1; k += step) out.push(base ** k);
  return out;
}

/**
 * Forward FLOPs of one attention layer against n, on log–log axes: the projections
 * (8·n·d², a line of slope 1) and the attention itself (4·n²·d, slope 2), with the
 * crossing marked, and `data.marker` marked when given. Move the marker in place with
 * {@link updateFlopsChart}.
 */
export function flopsChart(data: FlopsChartData, { width: preferred = 560, document }: FlopsChartOptions = {}): SVGSVGElement {
  const width = fitWidth(preferred);
  const { points, crossing } = data;
  const [lo, hi] = nRange(data);
  const first = points[0];
  const last = points[points.length - 1];
  const yDomain = [Math.min(first.projections, first.attention), Math.max(last.projections, last.attention)];
  const series = [
    { name: 'projections 8nd²', key: 'projections' as const, color: SERIES.main },
    { name: 'attention 4n²d', key: 'attention' as const, color: SERIES.second },
  ];
  const marks: Plot.Markish[] = [
    Plot.ruleX([crossing.n], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '3,3' }),
    Plot.text([crossing.n], { x: (d: number) => d, frameAnchor: 'bottom', dy: -6, dx: 5, textAnchor: 'start', text: () => `n = 2d = ${formatCount(crossing.n)}`, fill: 'currentColor' }),
    Plot.dot([crossing.n], { x: (d: number) => d, y: () => crossing.attention, r: 5, stroke: 'currentColor', fill: 'none', strokeWidth: 1.5 }),
  ];
  // On a phone the names go in a legend below the chart (as lineChart does), so the lines keep the width.
  const narrow = width < NARROW_WIDTH;
  const legendRoom = narrow ? legendHeight(series.length) : 0;
  series.forEach((s, i) => {
    marks.push(Plot.line(points, { x: 'n', y: s.key, stroke: s.color, strokeWidth: 2 }));
    if (!narrow) marks.push(Plot.text([last], { x: 'n', y: s.key, text: () => s.name, dx: 6, textAnchor: 'start', fill: s.color, fontWeight: 600 }));
    else marks.push(legendLine(s, i, 32));
  });
  const plot = Plot.plot({
    document, width, height: 300 + legendRoom, marginLeft: 52, marginRight: narrow ? 16 : 118, marginTop: 22, marginBottom: 32 + legendRoom,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { type: 'log', base: 2, domain: [lo, hi], label: 'sequence length n', labelAnchor: 'right', labelOffset: 29, ticks: powers(2, lo, hi, narrow ? 4 : 7), tickFormat: (d: number) => formatCount(d) },
    y: { type: 'log', base: 10, domain: yDomain, label: 'FLOPs per layer', grid: true, ticks: powers(10, yDomain[0], yDomain[1], 6), tickFormat: siTick },
    marks,
  });
  const scale = (name: 'x' | 'y') => {
    const sc = plot.scale(name);
    if (!sc?.domain || !sc.range) throw new Error(`the FLOPs chart has no ${name} scale`);
    return { domain: [...sc.domain].map(Number), range: [...sc.range].map(Number) };
  };
  const [xs, ys] = [scale('x'), scale('y')];
  const svg = finalizeSvg(plot as SVGSVGElement, flopsLabel(data));
  svg.setAttribute('data-flops', chartKey(data));
  svg.setAttribute('data-x', [...xs.domain, ...xs.range].join(','));
  svg.setAttribute('data-y', [...ys.domain, ...ys.range].join(','));
  if (data.marker) {
    const doc = svg.ownerDocument;
    const group = doc.createElementNS(SVG_NS, 'g');
    group.setAttribute('data-marker', '');
    for (const s of series) {
      const dot = doc.createElementNS(SVG_NS, 'circle');
      dot.setAttribute('r', '4.5');
      dot.setAttribute('fill', s.color);
      group.append(dot);
    }
    svg.append(group);
    placeMarker(svg, data.marker);
  }
  return svg;
}

/**
 * Move the marker of a chart drawn by {@link flopsChart} to `data.marker` in place, when
 * the chart shows the same d_model and range of n; returns false, changing nothing, when
 * it must be drawn anew.
 */
export function updateFlopsChart(svg: Element, data: FlopsChartData): boolean {
  if (!data.marker || svg.getAttribute('data-flops') !== chartKey(data) || !svg.querySelector('[data-marker]')) return false;
  placeMarker(svg, data.marker);
  svg.setAttribute('aria-label', flopsLabel(data));
  return true;
}
