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
 * offset only. A dashed line marks q·k without rotation.
 */
export function offsetScoresChart(data: OffsetScoresData, { label, width = 560, document }: OffsetScoresOptions): SVGSVGElement {
  const line = data.offsets.map((x, i) => ({ x, y: data.reference[i] }));
  const dots = data.offsets.map((x, i) => ({ x, y: data.shifted[i] }));
  const span = Math.max(...data.offsets.map(Math.abs));
  const every = Math.max(1, Math.ceil((2 * span + 1) / (width < 420 ? 25 : 49))); // thin the dots on narrow charts and wide spans
  const last = line[line.length - 1];
  const labels = [
    { x: last.x, y: last.y, text: 'positions from 0', fill: OFFSET_COLORS.reference },
    { x: last.x, y: data.shifted[data.shifted.length - 1], text: `shifted by ${data.shift.toLocaleString('en-US')}`, fill: OFFSET_COLORS.shifted },
  ];
  const svg = Plot.plot({
    document,
    width,
    height: 260,
    marginLeft: 44, marginRight: width < 420 ? 86 : 120, marginBottom: 42, marginTop: 14,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { label: 'offset m − n', labelAnchor: 'right', labelOffset: 36, ticks: width < 420 ? 5 : 9 },
    y: { label: 'score (R_m q)·(R_n k)', grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      ...(data.plain === undefined ? [] : [
        Plot.ruleY([data.plain], { stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '5,4' }),
        Plot.text([{ y: data.plain }], { x: -span, y: 'y', text: () => 'q·k, no RoPE', dy: -7, textAnchor: 'start', fill: 'currentColor', fillOpacity: 0.8 }),
      ]),
      Plot.line(line, { x: 'x', y: 'y', stroke: OFFSET_COLORS.reference, strokeWidth: 2 }),
      Plot.dot(dots.filter((_, i) => i % every === 0 || data.offsets[i] === 0), { x: 'x', y: 'y', stroke: OFFSET_COLORS.shifted, fill: 'none', strokeWidth: 1.6, r: 3.5 }),
      Plot.text(labels, { x: 'x', y: 'y', text: 'text', fill: 'fill', dx: 8, textAnchor: 'start', fontWeight: 600, className: 'end-label', lineWidth: 7 }),
    ],
  }) as SVGSVGElement;
  // The two end labels sit at the same point (that is the lesson): put them one above the other.
  const texts = [...svg.querySelectorAll('g.end-label text')];
  if (texts.length === 2) {
    const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(texts[0].getAttribute('transform') ?? '');
    if (m) {
      const [x, y] = [Number(m[1]), Number(m[2])];
      const lines = (t: Element) => Math.max(1, t.querySelectorAll('tspan').length);
      const h0 = 14 * lines(texts[0]);
      texts[0].setAttribute('transform', `translate(${x},${(y - h0 / 2 - 4).toFixed(1)})`);
      texts[1].setAttribute('transform', `translate(${x},${(y + 14 * lines(texts[1]) / 2 + 4).toFixed(1)})`);
    }
  }
  return finalizeSvg(svg, label);
}
