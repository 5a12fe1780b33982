import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth } from './svg';
import { palette } from './palette';

/** Options of {@link headBlocks}. */
export interface HeadBlocksOptions {
  /** Number of heads: columns are coloured in h blocks of d_model / h. */
  h: number;
  label: string;
  maxWidth?: number;
  document?: Document;
}

/**
 * A d_model×d_model projection matrix with its columns coloured by the head that uses
 * them (block i = columns [i·d_k, (i+1)·d_k)); the strength of each cell's colour is
 * |w| relative to the largest |w|.
 */
export function headBlocks(w: readonly (readonly number[])[], o: HeadBlocksOptions): SVGSVGElement {
  const rows = w.length;
  const cols = w[0]?.length ?? 0;
  const dK = cols / o.h;
  let max = 1e-12;
  for (const row of w) for (const v of row) max = Math.max(max, Math.abs(v));
  const data: { row: number; col: number; head: number; strength: number }[] = [];
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) data.push({ row, col, head: Math.floor(col / dK), strength: Math.abs(w[row][col]) / max });
  const cell = Math.max(6, Math.min(22, (fitWidth(o.maxWidth ?? 520) - 84) / cols));
  const starts = Array.from({ length: o.h }, (_, i) => i * dK);
  const svg = Plot.plot({
    document: o.document,
    width: 50 + cols * cell + 34, height: 40 + rows * cell + 6,
    marginLeft: 50, marginTop: 40, marginRight: 34, marginBottom: 6, padding: 0, // rotated labels lean right
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '11px', background: 'transparent' },
    x: { axis: 'top', domain: [...Array(cols).keys()], tickSize: 0, ticks: o.h <= 12 ? starts : [0], tickFormat: (c: number) => `head ${Math.floor(c / dK) + 1}`, tickRotate: o.h > 4 ? -40 : 0, label: null },
    y: { domain: [...Array(rows).keys()], tickSize: 0, ticks: [0, rows - 1], tickFormat: (r: number) => `row ${r + 1}`, label: null },
    marks: [
      Plot.cell(data, {
        x: 'col', y: 'row', inset: 0.4,
        fill: (d: { head: number }) => palette.heads[d.head % palette.heads.length],
        fillOpacity: (d: { strength: number }) => 0.15 + 0.85 * d.strength,
      }),
    ],
  }) as SVGSVGElement;
  return finalizeSvg(svg, o.label);
}
