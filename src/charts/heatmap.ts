import * as Plot from '@observablehq/plot';
import { finalizeSvg, shortLabel } from './svg';

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  /** Labels of the rows (queries), top to bottom. */
  rowLabels: readonly string[];
  /** Labels of the columns (keys, or dimensions), left to right. */
  colLabels: readonly string[];
  /** "weights": values in [0, 1], sequential blues. "signed": any values, diverging around 0. */
  kind: 'weights' | 'signed';
  /** Accessible name of the figure: what it shows. */
  label: string;
  /** Axis titles. */
  xLabel?: string;
  yLabel?: string;
  /** A cell to outline (keyboard focus), as [row, column]. */
  focus?: readonly [number, number] | null;
  /** Print the values in the cells when they fit. Default true. */
  showValues?: boolean;
  /** Decimals of printed values. Default 2. */
  digits?: number;
  /** Largest width in px. Default 640. */
  maxWidth?: number;
  /** Largest cell side in px. Default 46. */
  maxCell?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
}

interface Cell { row: number; col: number; value: number }

/**
 * A labelled matrix as a grid of coloured cells: rows are queries (y), columns are keys
 * (x). Each <rect> carries data-row and data-col so a widget can point at a cell.
 *
 * @param values rows × columns numbers, not modified.
 */
export function heatmap(values: readonly (readonly number[])[], o: HeatmapOptions): SVGSVGElement {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const data: Cell[] = [];
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) data.push({ row, col, value: values[row][col] });

  const longest = Math.max(0, ...o.colLabels.map((l) => shortLabel(l).length));
  const rotate = cols > 1 && longest > 3;
  const rowLongest = Math.max(0, ...o.rowLabels.map((l) => shortLabel(l).length));
  const marginLeft = 18 + rowLongest * 7.2 + (o.yLabel ? 14 : 0);
  const marginTop = (rotate ? 14 + longest * 5.2 : 24) + (o.xLabel ? 14 : 0);
  const maxWidth = o.maxWidth ?? 640;
  const cellSize = Math.max(8, Math.min(o.maxCell ?? 46, (maxWidth - marginLeft - 10) / Math.max(cols, 1)));
  const digits = o.digits ?? 2;
  const showValues = (o.showValues ?? true) && cellSize >= 30;

  const maxAbs = Math.max(1e-12, ...data.map((d) => Math.abs(d.value)));
  const color: Plot.ScaleOptions =
    o.kind === 'weights'
      ? { type: 'linear', scheme: 'blues', domain: [0, 1] }
      : { type: 'linear', scheme: 'rdbu', domain: [-maxAbs, maxAbs], reverse: true };
  const darkCell = (v: number) => (o.kind === 'weights' ? v > 0.55 : Math.abs(v) > 0.6 * maxAbs);
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : v > 0 ? '∞' : '−∞');

  const marks: Plot.Markish[] = [
    Plot.cell(data, {
      x: 'col', y: 'row', fill: (d: Cell) => (Number.isFinite(d.value) ? d.value : null), inset: 0.5, className: 'hm-cells',
      title: (d: Cell) => `${o.rowLabels[d.row]} → ${o.colLabels[d.col]}: ${fmt(d.value)}`,
    }),
  ];
  if (showValues) {
    marks.push(
      Plot.text(data, {
        x: 'col', y: 'row', text: (d: Cell) => fmt(d.value), fontSize: cellSize < 38 ? 9 : 10.5,
        fill: (d: Cell) => (darkCell(d.value) ? 'white' : 'black'), className: 'hm-values',
      }),
    );
  }
  if (o.focus) {
    const [row, col] = o.focus;
    marks.push(Plot.cell([{ row, col }], { x: 'col', y: 'row', fill: 'none', stroke: 'currentColor', strokeWidth: 3, inset: 0.5 }));
  }
  const svg = Plot.plot({
    document: o.document,
    width: marginLeft + cols * cellSize + 10,
    height: marginTop + rows * cellSize + 6,
    marginLeft, marginTop, marginRight: 10, marginBottom: 6,
    padding: 0,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: {
      axis: 'top', domain: [...Array(cols).keys()], tickSize: 0, tickRotate: rotate ? -40 : 0,
      tickFormat: (i: number) => shortLabel(o.colLabels[i] ?? ''), label: o.xLabel ?? null, labelAnchor: 'right', labelArrow: 'none',
    },
    y: {
      domain: [...Array(rows).keys()], tickSize: 0, tickFormat: (i: number) => shortLabel(o.rowLabels[i] ?? ''),
      label: o.yLabel ?? null, labelAnchor: 'top', labelArrow: 'none',
    },
    color,
    marks,
  }) as SVGSVGElement;

  const rects = svg.querySelectorAll('g.hm-cells rect');
  rects.forEach((rect, i) => {
    rect.setAttribute('data-row', String(data[i].row));
    rect.setAttribute('data-col', String(data[i].col));
  });
  return finalizeSvg(svg, o.label);
}
