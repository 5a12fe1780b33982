import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth } from './svg';
import { SERIES } from './palette';

/** What {@link offsetScoresChart} draws. */
export interface OffsetScoresData {
  /** Offsets m − n (query position − key position). */
  offsets: readonly number[];
  /** Score at each offset with the positions near 0. */
  reference: readonly number[];
  /** Score at each offset with both positions shifted by `shift`. */
  shifted: readonly number[];
  /** The shift of the second series. */
  shift: number;
  /** q·k without rotation, drawn as a dashed reference; omit to leave it out. */
  plain?: number;
}

/** Options of {@link offsetScoresChart}. */
export interface OffsetScoresOptions {
  /** Accessible name of the chart. */
  label: string;
  /** Width in px. Default 560. */
  width?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

/** Colours: the unshifted curve (a query colour), the shifted dots (a key colour). */
export const OFFSET_COLORS = { reference: SERIES.main, shifted: SERIES.second } as const;

/**
 * The RoPE score against the offset m − n: a line for positions near 0 and dots for the same
 * offsets with both positions shifted. When the dots sit on the line, the score depends on the
 * offset only. A dashed line marks q·k without rotation. The key to the two series is the
 * caller's (say, {@link offsetLegend} above the chart): there is no room for end labels where
 * both series end at the same point.
 */
export function offsetScoresChart(data: OffsetScoresData, { label, width: preferred = 560, document }: OffsetScoresOptions): SVGSVGElement {
  const width = fitWidth(preferred);
  const line = data.offsets.map((x, i) => ({ x, y: data.reference[i] }));
  const dots = data.offsets.map((x, i) => ({ x, y: data.shifted[i] }));
  const span = Math.max(...data.offsets.map(Math.abs));
  const every = Math.max(1, Math.ceil((2 * span + 1) / (width < 420 ? 25 : 49))); // thin the dots on narrow charts and wide spans
  const drawn = dots.map((d, i) => ({ ...d, i })).filter((d) => d.i % every === 0 || d.x === 0);
  const plot = Plot.plot({
    document,
    width,
    height: 260,
    marginLeft: 44, marginRight: 16, marginBottom: 42, marginTop: 14,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { label: 'offset m − n', labelAnchor: 'right', labelOffset: 36, ticks: width < 420 ? 5 : 9 },
    y: { label: 'score (R_m q)·(R_n k)', grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      ...(data.plain === undefined ? [] : [
        Plot.ruleY([data.plain], { stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '5,4' }),
        Plot.text([{ y: data.plain }], { x: span, y: 'y', text: () => 'q·k, no RoPE', dy: -10, textAnchor: 'end', fill: 'currentColor', fillOpacity: 0.8 }),
      ]),
      Plot.line(line, { x: 'x', y: 'y', stroke: OFFSET_COLORS.reference, strokeWidth: 2 }),
      Plot.dot(drawn, { x: 'x', y: 'y', stroke: OFFSET_COLORS.shifted, fill: 'none', strokeWidth: 1.6, r: 3.5, className: 'shifted-dots' }),
    ],
  });
  const svg = plot as SVGSVGElement;
  const ys = plot.scale('y')!;
  svg.setAttribute('data-y', [...ys.domain!, ...ys.range!].join(','));
  svg.setAttribute('data-key', offsetsKey(data, width));
  svg.querySelectorAll('g.shifted-dots circle').forEach((c, k) => c.setAttribute('data-i', String(drawn[k].i)));
  updateOffsetScores(svg, data, { label, width }); // the circles placed by one formula, so an update matches a fresh render
  return finalizeSvg(svg, label);
}

/** What must be equal for an in-place update: the line, the axes and the width. */
const offsetsKey = (data: OffsetScoresData, width: number) => `${width}|${data.plain}|${data.reference.map((v) => v.toFixed(9)).join(',')}`;

/**
 * Redraw the shifted series of a chart drawn by {@link offsetScoresChart} in place (a new
 * shift moves only the circles). Returns false, changing nothing, when the line, the axes or
 * the width differ, or a circle would leave the drawn y range: then draw anew.
 */
export function updateOffsetScores(svg: SVGSVGElement, data: OffsetScoresData, { label, width: preferred = 560 }: OffsetScoresOptions): boolean {
  const width = fitWidth(preferred);
  if (svg.getAttribute('data-key') !== offsetsKey(data, width)) return false;
  const [d0, d1, r0, r1] = svg.getAttribute('data-y')!.split(',').map(Number);
  const circles = [...svg.querySelectorAll('g.shifted-dots circle')];
  const values = circles.map((c) => data.shifted[Number(c.getAttribute('data-i'))]);
  if (values.some((v) => !(v >= Math.min(d0, d1) && v <= Math.max(d0, d1)))) return false;
  circles.forEach((c, k) => {
    const cy = (r0 + ((values[k] - d0) / (d1 - d0)) * (r1 - r0)).toFixed(2);
    if (c.getAttribute('cy') !== cy) c.setAttribute('cy', cy);
  });
  svg.setAttribute('aria-label', label);
  return true;
}

/**
 * A small SVG key for {@link offsetScoresChart}, two rows: a circle "both positions + shift"
 * and a line "key at position `span`" (y grows upwards in Plot).
 */
export function offsetLegend({ span, shift, document: doc = globalThis.document }: { span: number; shift: number; document?: Document }): SVGSVGElement {
  const svg = Plot.plot({
    document: doc, width: 240, height: 40, margin: 0, x: { domain: [0, 240], axis: null }, y: { domain: [0, 40], axis: null },
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    marks: [
      Plot.line([{ x: 2, y: 30 }, { x: 26, y: 30 }], { x: 'x', y: 'y', stroke: OFFSET_COLORS.reference, strokeWidth: 2 }),
      Plot.text([{ x: 34, y: 30 }], { x: 'x', y: 'y', text: () => `key at position ${span}`, textAnchor: 'start', fill: 'currentColor' }),
      Plot.dot([{ x: 14, y: 10 }], { x: 'x', y: 'y', stroke: OFFSET_COLORS.shifted, fill: 'none', strokeWidth: 1.6, r: 4 }),
      Plot.text([{ x: 34, y: 10 }], { x: 'x', y: 'y', text: () => `both positions + ${shift.toLocaleString('en-US')}`, textAnchor: 'start', fill: 'currentColor', className: 'legend-shift' }),
    ],
  }) as SVGSVGElement;
  return finalizeSvg(svg, `Key: the line has the key at position ${span} and the query at ${span} + offset; the circles move both positions by ${shift.toLocaleString('en-US')}.`);
}
