import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth } from './svg';
import { palette, SERIES } from './palette';

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
export const TILE_COLORS = { seen: palette.heads[7], current: palette.k, mAfter: SERIES.second } as const;

const fmt = (v: number) => (v < 0 ? `−${(-v).toFixed(2)}` : v.toFixed(2));

const statusOf = (j: number, start: number, end: number) => (j < start ? 'seen' : j < end ? 'current' : 'later');
const fillOf = (status: string) => (status === 'later' ? 'none' : TILE_COLORS[status as 'seen' | 'current']);
const strokeOf = (status: string) => (status === 'later' ? 'currentColor' : 'none');
/** What must be equal for an in-place update: the bars and the axes. */
const chartKey = (data: TileScoresData, width: number) => `${width}|${data.tileSize}|${data.scores.map((v) => v.toFixed(9)).join(',')}`;
/** Where a value lands on a linear scale of the given domain and range. */
const at = (v: number, [d0, d1, r0, r1]: readonly number[]) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);

/** The two max lines: before (dashed, shown only when it differs) and after, with their labels. */
function maxLines(data: TileScoresData) {
  return [
    { which: 'before', m: data.mBefore, shown: Number.isFinite(data.mBefore) && data.mBefore !== data.mAfter, name: `m before ${fmt(data.mBefore)}` },
    { which: 'after', m: data.mAfter, shown: Number.isFinite(data.mAfter), name: data.mBefore === data.mAfter ? `m kept ${fmt(data.mAfter)}` : `m after ${fmt(data.mAfter)}` },
  ];
}

/**
 * Bars of one query row's scores, key by key, with the tiles marked: tiles already folded
 * into the running statistics in grey, the current tile in the keys' colour, later tiles as
 * outlines. A dashed line marks the running max before this tile, a solid one after it (when
 * the tile raised it, the two differ and the sum was rescaled). Masked keys are marked ×.
 * The y axis spans every score of the row, so stepping through the tiles keeps the scale;
 * {@link updateTileScores} moves to another tile in place.
 */
export function tileScoresChart(data: TileScoresData, { label, width: preferred = 560, document }: TileScoresOptions): SVGSVGElement {
  const width = fitWidth(preferred);
  const n = data.scores.length;
  const keys = data.scores.map((score, j) => ({ j, score, x1: j + 0.62, x2: j + 1.38, masked: score === -Infinity }));
  const shown = keys.filter((d) => !d.masked);
  const finite = shown.map((d) => d.score);
  const lo = Math.min(0, ...finite), hi = Math.max(0, ...finite);
  const pad = 0.08 * Math.max(1, hi - lo);
  const y: [number, number] = [lo - pad, hi + pad];
  const bounds = Array.from({ length: Math.ceil(n / data.tileSize) - 1 }, (_, i) => (i + 1) * data.tileSize + 0.5);
  const lines = maxLines(data).map((l) => ({ ...l, m: Number.isFinite(l.m) ? l.m : 0 })); // drawn always, hidden when not shown
  const plot = Plot.plot({
    document,
    width,
    height: 230,
    marginLeft: 44, marginRight: 112, marginBottom: 40, marginTop: 14, // room for "m before −0.05" in bold
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { domain: [0.5, n + 0.5], ticks: keys.map((d) => d.j + 1), tickFormat: (d: number) => String(d), label: 'key', labelAnchor: 'right', labelOffset: 34 },
    y: { domain: y, label: 'score', grid: true, nice: false },
    marks: [
      Plot.rect([{ x1: 0.5, x2: 1.5 }], { x1: 'x1', x2: 'x2', y1: y[0], y2: y[1], fill: 'currentColor', fillOpacity: 0.07, className: 'tile-current' }),
      Plot.ruleX(bounds, { stroke: 'currentColor', strokeOpacity: 0.45, strokeDasharray: '2,3' }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.rect(shown, { x1: 'x1', x2: 'x2', y1: 0, y2: 'score', strokeOpacity: 0.55, strokeDasharray: '3,2', className: 'tile-bars' }),
      Plot.text(keys.filter((d) => d.masked), { x: (d: (typeof keys)[number]) => d.j + 1, y: 0, text: () => '×', fill: 'currentColor', fontSize: 14, dy: -8 }),
      Plot.ruleY([lines[0].m], { stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '6,4', className: 'm-before' }),
      Plot.ruleY([lines[1].m], { stroke: TILE_COLORS.mAfter, strokeWidth: 2, className: 'm-after' }),
      Plot.text(lines, { x: n + 0.5, y: 'm', text: 'name', dx: 6, textAnchor: 'start', fill: (l: (typeof lines)[number]) => (l.which === 'before' ? 'currentColor' : TILE_COLORS.mAfter), fontWeight: 600, className: 'm-label' }),
    ],
  });
  const svg = plot as SVGSVGElement;
  const [xs, ys] = [plot.scale('x')!, plot.scale('y')!];
  svg.setAttribute('data-x', [...xs.domain!, ...xs.range!].join(','));
  svg.setAttribute('data-y', [...ys.domain!, ...ys.range!].join(','));
  svg.setAttribute('data-key', chartKey(data, width));
  svg.querySelectorAll('g.tile-bars rect').forEach((r, i) => r.setAttribute('data-key-index', String(shown[i].j)));
  updateTileScores(svg, data, { label, width }); // colours, band and lines from one function, so an update matches a fresh render
  return finalizeSvg(svg, label);
}

/**
 * Move a chart drawn by {@link tileScoresChart} to another tile (or other running maxima) in
 * place. Returns false, changing nothing, when the scores, tile size or width differ: then draw anew.
 */
export function updateTileScores(svg: SVGSVGElement, data: TileScoresData, { label, width: preferred = 560 }: TileScoresOptions): boolean {
  const width = fitWidth(preferred);
  if (svg.getAttribute('data-key') !== chartKey(data, width)) return false;
  const x = svg.getAttribute('data-x')!.split(',').map(Number);
  const y = svg.getAttribute('data-y')!.split(',').map(Number);
  const start = data.tile * data.tileSize;
  const end = Math.min(data.scores.length, start + data.tileSize);
  const band = svg.querySelector('g.tile-current rect');
  const bars = svg.querySelectorAll('g.tile-bars rect');
  const rules = [svg.querySelector('g.m-before line'), svg.querySelector('g.m-after line')];
  const texts = svg.querySelectorAll('g.m-label text');
  if (!band || rules.some((r) => !r) || texts.length !== 2) return false;
  set(band, 'x', at(start + 0.5, x).toFixed(2));
  set(band, 'width', (at(end + 0.5, x) - at(start + 0.5, x)).toFixed(2));
  bars.forEach((bar) => {
    const status = statusOf(Number(bar.getAttribute('data-key-index')), start, end);
    set(bar, 'fill', fillOf(status));
    set(bar, 'stroke', strokeOf(status));
  });
  const lines = maxLines(data);
  const textX = at(data.scores.length + 0.5, x); // the group adds dx = 6
  const ys = lines.map((l) => (l.shown ? at(l.m, y) : 0));
  if (lines[0].shown && lines[1].shown && Math.abs(ys[0] - ys[1]) < 14) { // keep the two labels apart
    const mid = (ys[0] + ys[1]) / 2;
    const up = ys[0] <= ys[1] ? 0 : 1;
    ys[up] = mid - 7;
    ys[1 - up] = mid + 7;
  }
  lines.forEach((l, i) => {
    const rule = rules[i]!;
    const ly = l.shown ? at(l.m, y).toFixed(2) : '0';
    set(rule, 'y1', ly);
    set(rule, 'y2', ly);
    set(rule, 'visibility', l.shown ? 'visible' : 'hidden');
    set(texts[i], 'transform', `translate(${textX.toFixed(2)},${ys[i].toFixed(1)})`);
    set(texts[i], 'visibility', l.shown ? 'visible' : 'hidden');
    if (texts[i].textContent !== l.name) texts[i].textContent = l.name;
  });
  svg.setAttribute('aria-label', label);
  return true;
}

function set(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
