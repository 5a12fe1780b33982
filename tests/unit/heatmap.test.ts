// Heatmaps drawn from a stored drawing of the same layout are the SVG a fresh Plot render
// gives: same cells, colours, printed values, labels, focus and name.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { clearHeatmapTemplates, heatmap, type HeatmapOptions } from '../../src/charts/heatmap';
import { mulberry32 } from '../../src/attention';

const doc = buildDocument();
const random = (rows: number, cols: number, seed: number, signed = false) => {
  const rng = mulberry32(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (signed ? 4 * rng() - 2 : rng())));
};
const options = (o: Partial<HeatmapOptions> = {}): HeatmapOptions => ({
  rowLabels: ['the', 'cat', 'sat', 'on'], colLabels: ['the', 'cat', 'sat', 'on'], kind: 'weights', label: 'Weights', document: doc, ...o,
});
/** A render with nothing stored: what Plot itself draws. */
const fresh = (values: number[][], o: HeatmapOptions) => {
  clearHeatmapTemplates(doc);
  const svg = heatmap(values, o);
  clearHeatmapTemplates(doc);
  return svg.outerHTML;
};

describe('heatmap from a stored drawing', () => {
  it('equals a fresh render for new values, labels, focus and name of the same layout', () => {
    const cases: [number[][], HeatmapOptions, number[][], HeatmapOptions][] = [
      [random(4, 4, 1), options(), random(4, 4, 2), options({ rowLabels: ['a', 'dog', 'ran', 'in'], colLabels: ['a', 'dog', 'ran', 'in'], label: 'Other weights', focus: [2, 1] })],
      [random(4, 4, 3, true), options({ kind: 'signed' }), random(4, 4, 4, true).map((r) => r.map((v) => 3 * v)), options({ kind: 'signed', focus: [0, 3] })],
      [random(4, 4, 5, true), options({ kind: 'signed', domain: [-1, 1] }), random(4, 4, 6, true), options({ kind: 'signed', domain: [-1, 1] })],
      [random(3, 16, 7), options({ rowLabels: ['x', 'y', 'z'], colLabels: Array.from({ length: 16 }, (_, i) => `d${i}`), showValues: false }), random(3, 16, 8), options({ rowLabels: ['u', 'v', 'w'], colLabels: Array.from({ length: 16 }, (_, i) => `e${i}`), showValues: false })],
    ];
    const upper = (i: number, j: number) => j > i;
    const causal = random(4, 4, 9).map((r, i) => r.map((v, j) => (j > i ? -Infinity : v)));
    cases.push(
      [random(4, 4, 1), options(), causal, options({ kind: 'signed', domain: [-1, 1], masked: upper })], // the mask appears
      [causal, options({ kind: 'signed', domain: [-1, 1], masked: upper }), random(4, 4, 2), options({ kind: 'signed', domain: [-1, 1] })], // and goes
      [random(4, 4, 3), options({ masked: (_, j) => j >= 2, fadedRows: [2, 3] }), random(4, 4, 4), options({ fadedRows: [1] })],
    );
    for (const [first, o1, second, o2] of cases) {
      const expected = fresh(second, o2);
      clearHeatmapTemplates(doc);
      heatmap(first, o1); // stores the drawing of this layout
      const reused = heatmap(second, o2);
      expect(reused.outerHTML).toBe(expected);
      expect(reused.outerHTML).not.toBe(fresh(first, o1)); // the values really changed
    }
  });

  it('renders anew when the layout differs, and never shares one element', () => {
    clearHeatmapTemplates(doc);
    const a = heatmap(random(4, 4, 1), options());
    const b = heatmap(random(5, 5, 1), options({ rowLabels: ['a', 'b', 'c', 'd', 'e'], colLabels: ['a', 'b', 'c', 'd', 'e'] }));
    expect(b.querySelectorAll('g.hm-cells rect').length).toBe(25);
    const c = heatmap(random(4, 4, 1), options());
    expect(c).not.toBe(a);
    expect(c.outerHTML).toBe(a.outerHTML);
  });

  it('a map with non-finite values (cells Plot leaves out) is drawn fresh, not from a full drawing', () => {
    const withHole = random(4, 4, 9);
    withHole[0][3] = Number.NEGATIVE_INFINITY;
    withHole[1][2] = Number.NaN;
    const expected = fresh(withHole, options({ kind: 'signed' }));
    clearHeatmapTemplates(doc);
    heatmap(random(4, 4, 10), options({ kind: 'signed' }));
    const svg = heatmap(withHole, options({ kind: 'signed' }));
    expect(svg.outerHTML).toBe(expected);
    // the cells that are drawn name their own row and column
    const cells = [...svg.querySelectorAll('g.hm-cells rect')].map((r) => `${r.getAttribute('data-row')},${r.getAttribute('data-col')}`);
    expect(cells).toHaveLength(14);
    expect(cells).not.toContain('0,3');
    expect(cells).not.toContain('1,2');
    expect(cells).toContain('3,3');
  });
});

describe('masked cells and faded rows', () => {
  it('draw every cell: masked ones grey in the text colour with no printed value, faded rows dim', () => {
    clearHeatmapTemplates(doc);
    const scores = [[1, -Infinity, -Infinity], [0.5, 2, -Infinity], [-1, 0, 1]];
    const svg = heatmap(scores, options({ rowLabels: ['a', 'b', 'c'], colLabels: ['a', 'b', 'c'], kind: 'signed', masked: (i, j) => j > i, fadedRows: [2] }));
    expect(svg.querySelectorAll('g.hm-cells rect').length).toBe(9); // −∞ cells are drawn, not left out
    const masked = [...svg.querySelectorAll('rect[data-masked]')];
    expect(masked.map((r) => `${r.getAttribute('data-row')},${r.getAttribute('data-col')}`)).toEqual(['0,1', '0,2', '1,2']);
    for (const r of masked) expect([r.getAttribute('fill'), r.getAttribute('fill-opacity')]).toEqual(['currentColor', '0.12']);
    expect(svg.querySelectorAll('g.hm-values text[visibility="hidden"]').length).toBe(3);
    expect([...svg.querySelectorAll('rect[data-faded]')].map((r) => r.getAttribute('data-row'))).toEqual(['2', '2', '2']);
    // without the options nothing is marked
    clearHeatmapTemplates(doc);
    const plain = heatmap([[1, 0], [0, 1]], options({ rowLabels: ['a', 'b'], colLabels: ['a', 'b'] }));
    expect(plain.querySelectorAll('[data-masked], [data-faded], [fill-opacity]').length).toBe(0);
  });
});
