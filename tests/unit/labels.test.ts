// Direct labels of charts are moved apart when they would overlap (charts/svg.ts spreadLabels).
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { spreadLabels } from '../../src/charts/svg';
import { lineChart } from '../../src/charts/lines';

const doc = buildDocument();
const ys = (svg: Element, cls: string) => [...svg.querySelectorAll(`g.${cls} text`)].map((t) => Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute('transform')!)![1]));

describe('spreadLabels', () => {
  it('keeps labels at least a gap apart, above the bottom, and leaves lone labels where they are', () => {
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.innerHTML = `<g class="lab">${[[100, 95], [100, 98], [100, 99], [100, 10], [300, 99]].map(([x, y]) => `<text transform="translate(${x},${y})">x</text>`).join('')}</g>`;
    spreadLabels(svg, 'lab', { gap: 13, bottom: 100, near: 60 });
    const got = [...svg.querySelectorAll('text')].map((t) => t.getAttribute('transform'));
    expect(got).toEqual(['translate(100,74)', 'translate(100,87)', 'translate(100,100)', 'translate(100,10)', 'translate(300,99)']);
  });

  it('two series ending at the same point get separate, readable names', () => {
    const flat = [{ x: 0, y: 1 }, { x: 1, y: 0.5 }];
    const svg = lineChart([{ name: 'a', color: '#0072b2', points: flat }, { name: 'b', color: '#d55e00', points: flat }], { label: 'test', xLabel: 'x', yLabel: 'y', document: doc });
    const [a, b] = ys(svg, 'end-label');
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(13);
  });

  it('the y axis has room for its longest tick label ("262,144" at about 7 px a character)', () => {
    const plotLeft = (svg: Element) => Number(svg.querySelector('line')!.getAttribute('x1')); // the first grid line starts at the plot's left edge
    const small = lineChart([{ name: 's', color: '#0072b2', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }], { label: 't', xLabel: 'x', yLabel: 'y', document: doc });
    const big = lineChart([{ name: 'b', color: '#0072b2', points: [{ x: 1, y: 4096 }, { x: 2, y: 262144 }] }], { label: 't', xLabel: 'x', yLabel: 'y', document: doc });
    expect(plotLeft(small)).toBe(52);
    expect(plotLeft(big)).toBe(16 + 7 * '262,144'.length);
  });
});
