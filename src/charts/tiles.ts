import * as Plot from '@observablehq/plot';
import { finalizeSvg, palette } from './svg';

/** What {@link tileScoresChart} draws: one query row's scores, and where the online softmax is. */
export interface TileScoresData {
  /** The row's scaled score for each key; −∞ where the causal mask hides the key. */
  scores: readonly number[];
  /** Keys per tile. */
  tileSize: number;
  /** The current tile, from 0. */
  tile: number;
  /** Running max before the current tile (−∞ before the first). */
  mBefore: number;
  /** Running max after it. */
  mAfter: number;
}

/** Options of {@link tileScoresChart}. */
export interface TileScoresOptions {
  /** Accessible name of the chart. */
  label: string;
  /** Width in px. Default 560. */
  width?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

/** Colours: tiles already folded in, the current tile (a key colour), tiles still to come. */
export const TILE_COLORS = { seen: '#8f8f8f', current: palette.k, mAfter: '#d55e00' } as const;

const fmt = (v: number) => (v < 0 ? `−${(-v).toFixed(2)}` : v.toFixed(2));

/**
 * Bars of one query row's scores, key by key, with the tiles marked: tiles already folded
 * into the running statistics in grey, the current tile in the keys' colour, later tiles as
 * outlines. A dashed line marks the running max before this tile, a solid one after it (when
 * the tile raised it, the two differ and the sum was rescaled). Masked keys are marked ×.
 * The y axis spans every score of the row, so stepping through the tiles keeps the scale.
 */
export function tileScoresChart(data: TileScoresData, { label, width = 560, document }: TileScoresOptions): SVGSVGElement {
  const n = data.scores.length;
  const start = data.tile * data.tileSize;
  const end = Math.min(n, start + data.tileSize);
  const keys = data.scores.map((score, j) => ({
    j, score, x1: j + 0.62, x2: j + 1.38, masked: score === -Infinity,
    status: j < start ? 'seen' : j < end ? 'current' : 'later',
  }));
  const shown = keys.filter((d) => !d.masked);
  const finite = shown.map((d) => d.score);
  const lo = Math.min(0, ...finite), hi = Math.max(0, ...finite);
  const pad = 0.08 * Math.max(1, hi - lo);
  const y: [number, number] = [lo - pad, hi + pad];
  const bounds = Array.from({ length: Math.ceil(n / data.tileSize) - 1 }, (_, i) => (i + 1) * data.tileSize + 0.5);
  const lines = [
    ...(Number.isFinite(data.mBefore) && data.mBefore !== data.mAfter ? [{ m: data.mBefore, name: `m before ${fmt(data.mBefore)}`, dashed: true }] : []),
    ...(Number.isFinite(data.mAfter) ? [{ m: data.mAfter, name: data.mBefore === data.mAfter ? `m = ${fmt(data.mAfter)} (kept)` : `m after ${fmt(data.mAfter)}`, dashed: false }] : []),
  ];
  const svg = Plot.plot({
    document,
    width,
    height: 230,
    marginLeft: 44, marginRight: 104, marginBottom: 40, marginTop: 14,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { domain: [0.5, n + 0.5], ticks: keys.map((d) => d.j + 1), tickFormat: (d: number) => String(d), label: 'key', labelAnchor: 'right', labelOffset: 34 },
    y: { domain: y, label: 'score', grid: true, nice: false },
    marks: [
      Plot.rect([{ x1: start + 0.5, x2: end + 0.5 }], { x1: 'x1', x2: 'x2', y1: y[0], y2: y[1], fill: 'currentColor', fillOpacity: 0.07 }),
      Plot.ruleX(bounds, { stroke: 'currentColor', strokeOpacity: 0.45, strokeDasharray: '2,3' }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.rect(shown, {
        x1: 'x1', x2: 'x2', y1: 0, y2: 'score',
        fill: (d: (typeof keys)[number]) => (d.status === 'later' ? 'none' : TILE_COLORS[d.status as 'seen' | 'current']),
        stroke: (d: (typeof keys)[number]) => (d.status === 'later' ? 'currentColor' : 'none'),
        strokeOpacity: 0.55, strokeDasharray: '3,2',
      }),
      Plot.text(keys.filter((d) => d.masked), { x: (d: (typeof keys)[number]) => d.j + 1, y: 0, text: () => '×', fill: 'currentColor', fontSize: 14, dy: -8 }),
      ...lines.map((l) => Plot.ruleY([l.m], { stroke: l.dashed ? 'currentColor' : TILE_COLORS.mAfter, strokeWidth: 2, strokeDasharray: l.dashed ? '6,4' : undefined })),
      Plot.text(lines, { x: n + 0.5, y: 'm', text: 'name', dx: 6, textAnchor: 'start', fill: (l: (typeof lines)[number]) => (l.dashed ? 'currentColor' : TILE_COLORS.mAfter), fontWeight: 600, className: 'm-label' }),
    ],
  }) as SVGSVGElement;
  spreadMLabels(svg);
  return finalizeSvg(svg, label);
}

/** Keep the two max labels apart when the lines are close. */
function spreadMLabels(svg: SVGSVGElement): void {
  const texts = [...svg.querySelectorAll('g.m-label text')];
  if (texts.length !== 2) return;
  const ys = texts.map((t) => Number(/translate\([-\d.e]+,\s*([-\d.e]+)\)/.exec(t.getAttribute('transform') ?? '')?.[1] ?? 'NaN'));
  if (!ys.every(Number.isFinite) || Math.abs(ys[0] - ys[1]) >= 14) return;
  const mid = (ys[0] + ys[1]) / 2;
  const [upper, lower] = ys[0] <= ys[1] ? [0, 1] : [1, 0];
  const x = (t: Element) => /translate\(([-\d.e]+),/.exec(t.getAttribute('transform') ?? '')?.[1] ?? '0';
  texts[upper].setAttribute('transform', `translate(${x(texts[upper])},${(mid - 7).toFixed(1)})`);
  texts[lower].setAttribute('transform', `translate(${x(texts[lower])},${(mid + 7).toFixed(1)})`);
}
