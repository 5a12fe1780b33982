import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth, spreadLabels } from './svg';
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

/**
 * Each head's importance score (x) against the accuracy lost when it alone is removed (y),
 * coloured by head and shaped by layer, with its name beside it (labels that would overlap
 * are spread apart).
 */
export function importanceScatter(points: readonly ImportancePoint[], o: ImportanceScatterOptions): SVGSVGElement {
  const width = fitWidth(o.width ?? 520);
  const height = o.height ?? 320;
  const marginBottom = 44;
  const svg = Plot.plot({
    document: o.document, width, height, marginLeft: 52, marginBottom, marginRight: 24,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { label: 'importance Iₕ (normalised per layer) →', domain: [0, 1], grid: true },
    y: { label: '↑ accuracy points lost when removed', grid: true },
    symbol: { domain: [...o.layerNames], range: ['circle', 'square'] },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      Plot.dot(points, { x: 'score', y: 'drop', r: 6, fill: (d: ImportancePoint) => palette.heads[d.head % palette.heads.length], symbol: (d: ImportancePoint) => o.layerNames[d.layer], stroke: 'currentColor', strokeWidth: 0.5 }),
      // labels to the right of their point, or to the left near the right edge
      Plot.text(points.filter((d) => d.score <= 0.8), { x: 'score', y: 'drop', text: 'name', dx: 9, textAnchor: 'start', fill: 'currentColor', className: 'point-label' }),
      Plot.text(points.filter((d) => d.score > 0.8), { x: 'score', y: 'drop', text: 'name', dx: -9, textAnchor: 'end', fill: 'currentColor', className: 'point-label' }),
    ],
  }) as SVGSVGElement;
  spreadLabels(svg, 'point-label', { gap: 13, near: 50, bottom: height - marginBottom }); // heads with nearly equal scores sit in a readable column
  return finalizeSvg(svg, o.label);
}
