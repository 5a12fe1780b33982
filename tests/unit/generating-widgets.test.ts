// Lesson 9's widgets in Node: the chart functions as SVG snapshots (rounded as in
// charts.test.ts), the fields' checks, URL round trips, and the example's defaults doing
// what the state module's comment says they do.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { offsetLegend, offsetScoresChart } from '../../src/charts/offsets';
import { tileScoresChart } from '../../src/charts/tiles';
import { fromParams, toParams } from '../../src/widgets/common/fields';
import { flashTilesModel, tileCount } from '../../src/widgets/flash-tiles/model';
import { describeStep } from '../../src/widgets/flash-tiles/render';
import * as ft from '../../src/widgets/flash-tiles/state';
import { ropeOffsetModel } from '../../src/widgets/rope-offset/model';
import * as ro from '../../src/widgets/rope-offset/state';
import { renderShell as flashShell } from '../../src/widgets/flash-tiles/shell';
import { renderShell as ropeShell } from '../../src/widgets/rope-offset/shell';

const doc = buildDocument();

/** The SVG as stored: every number with a fractional part rounded to 2 decimals, one element per line. */
function normalize(svg: Element): string {
  return `${svg.outerHTML
    .replace(/-?\d+(?:\.\d+)?e[-+]\d+|-?\d+\.\d+/g, (m) => String(Number(Number(m).toFixed(2))))
    .replace(/></g, '>\n<')}\n`;
}
const snapshot = (svg: Element, name: string) => expect(normalize(svg)).toMatchFileSnapshot(`__snapshots__/charts/${name}.svg`);

describe('lesson 9 chart snapshots', () => {
  it('tileScoresChart: tiles seen, current and later; m before and after', async () => {
    const scores = [0.05, -0.2, -1.2, 2.04, -1.5, -1.55, -1.4, 0.6];
    await snapshot(tileScoresChart({ scores, tileSize: 3, tile: 1, mBefore: 0.05, mAfter: 2.04 }, { label: 'Scores of one query', document: doc }), 'tile-scores');
  });
  it('tileScoresChart: causal mask (×) and a kept max, narrow', async () => {
    const scores = [1.2, 0.3, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity];
    await snapshot(tileScoresChart({ scores, tileSize: 2, tile: 1, mBefore: 1.2, mAfter: 1.2 }, { label: 'Masked', width: 320, document: doc }), 'tile-scores-causal');
  });
  it('offsetScoresChart and its legend', async () => {
    const offsets = Array.from({ length: 17 }, (_, i) => i - 8);
    const reference = offsets.map((o) => Math.cos(o) + 0.5 * Math.cos(0.1 * o));
    await snapshot(offsetScoresChart({ offsets, reference, shifted: reference, shift: 1000, plain: 1.5 }, { label: 'Score against offset', document: doc }), 'offset-scores');
    await snapshot(offsetLegend({ span: 8, shift: 1000, document: doc }), 'offset-legend');
  });
});

describe('<flash-tiles> state and example', () => {
  it('the default: tile 2 raises the max and rescales by about 0.14, tile 3 leaves it', () => {
    const m = flashTilesModel(ft.DEFAULT_STATE);
    const i = ft.DEFAULT_STATE.row - 1;
    expect(m.steps.map((s) => [s.start, s.end])).toEqual([[0, 3], [3, 6], [6, 8]]);
    expect(m.steps[1].mAfter[i]).toBeGreaterThan(m.steps[1].mBefore[i]);
    expect(m.steps[1].rescale[i]).toBeCloseTo(0.137, 3);
    expect(m.steps[2].rescale[i]).toBe(1);
    expect(describeStep(ft.DEFAULT_STATE, m)).toMatch(/beats the running max/);
  });
  it('the online output equals the exact one for every tile size, causal and not', () => {
    for (const causal of [false, true]) for (let tileSize = 1; tileSize <= 8; tileSize++) {
      const m = flashTilesModel({ seed: 5, tileSize, causal });
      expect(m.steps.length).toBe(tileCount(tileSize));
      m.online.to2DArray().forEach((row, i) => row.forEach((x, c) => expect(Math.abs(x - m.exact.get(i, c))).toBeLessThan(1e-12)));
    }
  });
  it('checks: tile size 1–8, tile within the count, the cross-check names the fix', () => {
    expect(ft.checkTileSize('3')).toEqual({ ok: true, value: 3 });
    expect(ft.checkTileSize('9')).toMatchObject({ ok: false, error: expect.stringMatching(/there are 8 keys/) });
    expect(ft.checkStep('3', 4)).toMatchObject({ ok: false, error: expect.stringMatching(/make 2 tiles/) });
    expect(ft.crossCheck({ ...ft.DEFAULT_STATE, tileSize: 8, step: 2 })).toMatchObject({ field: 'tile' });
    expect(ft.moveStep(ft.DEFAULT_STATE, 1).step).toBe(3);
    expect(ft.moveStep({ ...ft.DEFAULT_STATE, step: 3 }, 1).step).toBe(3);
    expect(ft.moveStep(ft.DEFAULT_STATE, 'last').step).toBe(3);
  });
  it('URL round trip', () => {
    const state = { tileSize: 2, row: 6, step: 4, causal: true, seed: 31 };
    const params = new URLSearchParams(toParams(ft.FIELDS, state, 'ft'));
    expect(fromParams(ft.FIELDS, ft.DEFAULT_STATE, params, 'ft', ft.crossCheck)).toEqual({ state, notices: [], present: true });
  });
});

describe('<rope-offset> state and example', () => {
  it('the two series agree to rounding, at the largest shift too; offset 0 is the plain q·k', () => {
    for (const state of [ro.DEFAULT_STATE, ro.LARGEST_STATE]) {
      const m = ropeOffsetModel(state);
      expect(m.offsets.length).toBe(2 * state.span + 1);
      expect(m.maxDifference).toBeLessThan(1e-9);
      expect(m.reference[state.span]).toBeCloseTo(m.plain, 12);
      expect(m.norms.rotated).toBeCloseTo(m.norms.q, 12);
    }
  });
  it('without the same shift on both positions the score changes (the test can fail)', () => {
    const a = ropeOffsetModel(ro.DEFAULT_STATE);
    expect(Math.max(...a.reference.map((r, i) => Math.abs(r - a.reference[a.reference.length - 1 - i])))).toBeGreaterThan(0.1); // m − n and n − m differ
  });
  it('checks: odd d_k explains the pairs; base and shift ranges', () => {
    expect(ro.checkDK('7')).toMatchObject({ ok: false, error: expect.stringMatching(/odd: RoPE turns dimensions in pairs/) });
    expect(ro.checkDK('16')).toEqual({ ok: true, value: 16 });
    expect(ro.checkBase('10,000')).toEqual({ ok: true, value: 10000 });
    expect(ro.checkBase('1e4')).toEqual({ ok: true, value: 10000 });
    expect(ro.checkBase('1')).toMatchObject({ ok: false });
    expect(ro.checkShift('100000')).toEqual({ ok: true, value: 100000 });
    expect(ro.checkShift('100001')).toMatchObject({ ok: false });
  });
  it('URL round trip', () => {
    const state = { dK: 32, base: 500000, shift: 4321, span: 64, seed: 8 };
    const params = new URLSearchParams(toParams(ro.FIELDS, state, 'ro'));
    expect(fromParams(ro.FIELDS, ro.DEFAULT_STATE, params, 'ro')).toEqual({ state, notices: [], present: true });
  });
});

describe('the shells, as the build renders them', () => {
  it('render in Node with one control per field and the static picture', () => {
    const flash = doc.createElement('div');
    flash.append(flashShell(doc, 'ft'));
    expect([...flash.querySelectorAll('[name]')].map((c) => c.getAttribute('name'))).toEqual(['tile', 'row', 'causal', 'seed']);
    expect(flash.querySelectorAll('[data-step]').length).toBe(2);
    expect(flash.querySelector('.ft-summary')?.textContent).toMatch(/^Tile 2 of 3 \(keys 4–6\), query 4/);
    const rope = doc.createElement('div');
    rope.append(ropeShell(doc, 'ro'));
    expect([...rope.querySelectorAll('[name]')].map((c) => c.getAttribute('name'))).toEqual(['dk', 'base', 'shift', 'span', 'seed']);
    expect(rope.querySelector('[data-map="offsets"] svg')).not.toBeNull();
  });
});
