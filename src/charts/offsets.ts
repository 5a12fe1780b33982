import * as Plot from '@observablehq/plot';
import { finalizeSvg, palette } from './svg';

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
export const OFFSET_COLORS = { reference: palette.q, shifted: palette.unscaled } as const;

/**
 * The RoPE score against the offset m − n: a line for positions near 0 and dots for the same
 * offsets with both positions shifted. When the dots sit on the line, the score depends on the
 * offset only. A dashed line marks q·k without rotation. The key to the two series is the
 * caller's (say, {@link offsetLegend} above the chart): there is no room for end labels where
 * both series end at the same point.
 */
export function offsetScoresChart(data: OffsetScoresData, { label, width = 560, document }: OffsetScoresOptions): SVGSVGElement {
  const line = data.offsets.map((x, i) => ({ x, y: data.reference[i] }));
  const dots = data.offsets.map((x, i) => ({ x, y: data.shifted[i] }));
  const span = Math.max(...data.offsets.map(Math.abs));
  const every = Math.max(1, Math.ceil((2 * span + 1) / (width < 420 ? 25 : 49))); // thin the dots on narrow charts and wide spans
  const svg = Plot.plot({
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
        Plot.text([{ y: data.plain }], { x: span, y: 'y', text: () => 'q·k, no RoPE', dy: -7, textAnchor: 'end', fill: 'currentColor', fillOpacity: 0.8 }),
      ]),
      Plot.line(line, { x: 'x', y: 'y', stroke: OFFSET_COLORS.reference, strokeWidth: 2 }),
      Plot.dot(dots.filter((_, i) => i % every === 0 || data.offsets[i] === 0), { x: 'x', y: 'y', stroke: OFFSET_COLORS.shifted, fill: 'none', strokeWidth: 1.6, r: 3.5 }),
    ],
  }) as SVGSVGElement;
  return finalizeSvg(svg, label);
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
      Plot.text([{ x: 34, y: 10 }], { x: 'x', y: 'y', text: () => `both positions + ${shift.toLocaleString('en-US')}`, textAnchor: 'start', fill: 'currentColor' }),
    ],
  }) as SVGSVGElement;
  return finalizeSvg(svg, `Key: the line has the key at position ${span} and the query at ${span} + offset; the circles move both positions by ${shift.toLocaleString('en-US')}.`);
}
