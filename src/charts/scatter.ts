import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth } from './svg';
import { palette } from './palette';

/** One head of {@link importanceScatter}. */
export interface ImportancePoint {
  /** Label next to the point ("L1 H2"). */
  name: string;
  /** Layer (0-based): picks the symbol. */
  layer: number;
  /** Head (0-based): picks the colour, the head's colour in every lesson. */
  head: number;
  /** Importance score, in [0, 1]. */
  score: number;
  /** Accuracy points lost when the head alone is removed. */
  drop: number;
}

/** Options of {@link importanceScatter}. */
export interface ImportanceScatterOptions {
  /** Accessible name of the chart. */
  label: string;
  /** Name of each layer, in order: circles for the first, squares for the second. */
  layerNames: readonly string[];
  /** Width and height in px. Default 520 × 320. */
  width?: number;
  height?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

/** Pixel sizes {@link placeLabels} assumes: marker radius, gap from a marker to its label, a character's width at 12 px (generous), half a line. */
const MARKER = 6;
const LABEL_GAP = 3;
const CHAR_WIDTH = 7;
const HALF_LINE = 6;

/** Where a label sits relative to its point (the first one free is taken, in this order). */
type LabelSide = 'right' | 'left' | 'above' | 'below';
const SIDES: readonly LabelSide[] = ['right', 'left', 'above', 'below'];

/** A rectangle in px. */
export interface Box { x0: number; x1: number; y0: number; y1: number }

/** One direct label of {@link importanceScatter}: one head's name, or several joined, where to draw it (px). */
export interface PointLabel {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Direct labels that cover no marker and, where they can, no other label. Each head's name
 * goes to the right of its point, else to the left, above or below: the first side free of
 * other markers inside `area` (the plot's frame; a label above or below slides sideways to
 * stay in it). Heads whose markers overlap share one label from the start. A head whose label
 * still has no free side shares one with the nearest head in its way that is in the same row
 * (markers overlapping in height), if the shared label then has a free side. Shared labels
 * name the heads in the order of their markers, left to right ("L1 H3, L1 H2, L1 H1").
 * `px` places a point in pixels.
 */
export function placeLabels(points: readonly ImportancePoint[], px: (p: ImportancePoint) => { x: number; y: number }, area: Box): PointLabel[] {
  const at = points.map(px);
  const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const marker = (i: number): Box => ({ x0: at[i].x - MARKER, x1: at[i].x + MARKER, y0: at[i].y - MARKER, y1: at[i].y + MARKER });
  const inside = (b: Box) => b.x0 >= area.x0 - 1 && b.x1 <= area.x1 + 1 && (b.y0 + b.y1) / 2 >= area.y0 && (b.y0 + b.y1) / 2 <= area.y1;
  const textOf = (g: number[]) => g.map((i) => points[i].name).join(', ');
  /** The label of a group (sorted left to right) on one side, and its box. */
  const labelOf = (g: number[], side: LabelSide): PointLabel & { box: Box } => {
    const text = textOf(g);
    const width = text.length * CHAR_WIDTH;
    const xs = g.map((i) => at[i].x);
    const ys = g.map((i) => at[i].y);
    const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (side === 'right' || side === 'left') {
      const y = Math.min(at[side === 'right' ? g[g.length - 1] : g[0]].y, area.y1 - HALF_LINE); // above the x axis's ticks
      const x = side === 'right' ? right + MARKER + LABEL_GAP : left - MARKER - LABEL_GAP;
      const x0 = side === 'right' ? x : x - width;
      return { text, x, y, anchor: side === 'right' ? 'start' : 'end', box: { x0, x1: x0 + width, y0: y - HALF_LINE, y1: y + HALF_LINE } };
    }
    const centre = Math.min(Math.max((left + right) / 2, area.x0 + width / 2), area.x1 - width / 2); // slid into the frame
    const y = side === 'above' ? top - MARKER - LABEL_GAP - HALF_LINE : bottom + MARKER + LABEL_GAP + HALF_LINE;
    return { text, x: centre, y, anchor: 'middle', box: { x0: centre - width / 2, x1: centre + width / 2, y0: y - HALF_LINE, y1: y + HALF_LINE } };
  };
  const byX = (a: number, b: number) => at[a].x - at[b].x || points[a].name.localeCompare(points[b].name);
  /** How much of other heads' markers a group's label covers on each side (Infinity: outside the frame). */
  const covered = (g: number[]) => SIDES.map((side) => {
    const { box } = labelOf(g, side);
    return inside(box) ? points.reduce((sum, _, i) => sum + (g.includes(i) ? 0 : overlap(box, marker(i))), 0) : Infinity;
  });
  const distance = (g: number[], i: number) => Math.min(...g.map((j) => Math.hypot(at[i].x - at[j].x, at[i].y - at[j].y)));
  /**
   * Labels for the groups, left to right: each on the first side free of markers and of the
   * labels already placed. Also returns the groups that found no such side, each with the heads
   * in its way, nearest first.
   */
  const place = (groups: number[][]) => {
    const placed: { box: Box; g: number[] }[] = [];
    const labels: PointLabel[] = [];
    const stuck: { g: number[]; inWay: number[] }[] = [];
    for (const g of [...groups].sort((a, b) => byX(a[0], b[0]))) {
      const cost = covered(g);
      const options = SIDES.map((side, k) => ({ cost: cost[k], ...labelOf(g, side) }));
      const free = options.filter((o) => o.cost === 0);
      const clear = free.find((o) => placed.every((p) => overlap(o.box, p.box) === 0));
      const { box, cost: _, ...label } = clear ?? free[0] ?? [...options].sort((a, b) => a.cost - b.cost)[0];
      if (!clear) {
        const markers = points.map((_, i) => i).filter((i) => !g.includes(i) && options.some((o) => o.cost < Infinity && overlap(o.box, marker(i)) > 0));
        const labelled = placed.filter((p) => free.some((o) => overlap(o.box, p.box) > 0)).flatMap((p) => p.g);
        stuck.push({ g, inWay: [...new Set([...markers, ...labelled])].sort((a, b) => distance(g, a) - distance(g, b)) });
      }
      placed.push({ box, g });
      labels.push(label);
    }
    return { labels, stuck };
  };
  /** Heads in one row (markers overlapping in height), so one label beside the row names them in order. */
  const row = (g: number[]) => Math.max(...g.map((i) => at[i].y)) - Math.min(...g.map((i) => at[i].y)) <= 2 * MARKER;
  // heads whose markers overlap cannot be told apart by where their names are: one label from the start
  let groups: number[][] = [];
  for (const i of points.map((_, k) => k).sort(byX)) {
    const near = groups.find((g) => distance(g, i) < 2 * MARKER);
    if (near) near.push(i);
    else groups.push([i]);
  }
  // merge a stuck group with the nearest group in its way for which the shared label has a free side, until none can be
  for (;;) {
    const { labels, stuck } = place(groups);
    const merge = stuck.flatMap(({ g, inWay }) => inWay.map((i) => [g, groups.find((x) => x.includes(i))!]))
      .find(([g, o]) => row([...g, ...o]) && covered([...g, ...o].sort(byX)).includes(0));
    if (!merge) return labels;
    const [g, o] = merge;
    groups = [...groups.filter((x) => x !== g && x !== o), [...g, ...o].sort(byX)];
  }
}

/**
 * Each head's importance score (x) against the accuracy lost when it alone is removed (y),
 * coloured by head and shaped by layer, with its name beside it. Heads whose names would cover
 * another head's marker share one label (see {@link placeLabels}).
 */
export function importanceScatter(points: readonly ImportancePoint[], o: ImportanceScatterOptions): SVGSVGElement {
  const width = fitWidth(o.width ?? 520);
  const height = o.height ?? 320;
  const marginBottom = 44;
  const plot = (labels: readonly PointLabel[], yDomain?: Iterable<unknown>) => Plot.plot({
    document: o.document, width, height, marginLeft: 52, marginBottom, marginRight: 24,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { label: 'importance Iₕ (normalised per layer) →', domain: [0, 1], grid: true },
    y: { label: '↑ accuracy points lost when removed', grid: true, ...(yDomain ? { domain: yDomain } : {}) },
    symbol: { domain: [...o.layerNames], range: ['circle', 'square'] },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      Plot.dot(points, { x: 'score', y: 'drop', r: MARKER, fill: (d: ImportancePoint) => palette.heads[d.head % palette.heads.length], symbol: (d: ImportancePoint) => o.layerNames[d.layer], stroke: 'currentColor', strokeWidth: 0.5 }),
      // each label where placeLabels put it (in px, read back through the scales)
      ...(['start', 'middle', 'end'] as const).map((anchor) => Plot.text(labels.filter((d) => d.anchor === anchor), {
        x: (d: PointLabel) => xs!.invert!(d.x), y: (d: PointLabel) => ys!.invert!(d.y), text: 'text', textAnchor: anchor, fill: 'currentColor', className: 'point-label',
      })),
    ],
  });
  // the scales do not depend on the labels: draw once without them to place the points in pixels
  const bare = plot([]);
  const [xs, ys] = [bare.scale('x')!, bare.scale('y')!];
  const [x0, x1] = xs.range as [number, number];
  const [y1, y0] = ys.range as [number, number];
  const labels = placeLabels(points, (p) => ({ x: xs.apply(p.score) as number, y: ys.apply(p.drop) as number }), { x0, x1, y0, y1 });
  const svg = plot(labels, ys.domain) as SVGSVGElement; // the same scales, whatever the labels
  return finalizeSvg(svg, o.label);
}
