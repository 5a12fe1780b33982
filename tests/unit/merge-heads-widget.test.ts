// State logic and rendering of lesson 5's widget, in Node (linkedom document).
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { fromParams as fromParamsOf, toParams as toParamsOf } from '../../src/widgets/common/fields';
import {
  checkDModel, checkH, checkMerge, checkR, checkSeed, crossCheck, DEFAULT_STATE, FIELDS, LARGEST_STATE, stepValue, validHeads, type MergeHeadsState,
} from '../../src/widgets/merge-heads/state';
import { comparisonRows, computeMergeHeads, describeDistance, num, OUTPUT_DIMS_SHOWN, renderMergeHeads, summarize, updateMergeHeads } from '../../src/widgets/merge-heads/render';
import { renderShell } from '../../src/widgets/merge-heads/shell';
import { mergeAverage, mergeConcat, mergeParameterCount } from '../../src/attention';
import { mergeSignalBars, updateMergeSignalBars } from '../../src/charts/bars';
import { tablesByCaption } from '../support/tables';

const toParams = (s: MergeHeadsState) => toParamsOf(FIELDS, s, 'mh');
const fromParams = (search: string) => fromParamsOf(FIELDS, DEFAULT_STATE, new URLSearchParams(search), 'mh', crossCheck);
const field = (name: string) => FIELDS.find((f) => f.name === name)!;

describe('merge-heads state', () => {
  it('reads r as a decimal, with either minus sign, within −4 to 4', () => {
    expect(checkR(' -1 ')).toEqual({ ok: true, value: -1 });
    expect(checkR('−0.5')).toEqual({ ok: true, value: -0.5 });
    expect(checkR('.25')).toEqual({ ok: true, value: 0.25 });
    expect(checkR('-0')).toEqual({ ok: true, value: 0 });
    expect(Object.is((checkR('-0') as { value: number }).value, -0)).toBe(false);
    const cases: [string, RegExp][] = [
      ['', /Type r/], ['abc', /“abc” is not a number/], ['1e3', /not a number/], ['NaN', /not a number/], ['Infinity', /not a number/],
      ['4.5', /out of range: use −4 to 4/], ['-1000000', /out of range/], ['1,5', /not a number/],
    ];
    for (const [text, message] of cases) {
      const r = checkR(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });

  it('checks h against d_model and names the nearest valid h', () => {
    expect(checkH('4', 16)).toEqual({ ok: true, value: 4 });
    const cases: [string, number, RegExp][] = [
      ['3', 16, /d_model \(16\) is not divisible by h \(3\): the course uses d_k = d_model\/h.*Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\); or keep h = 3 with d_model 15 or 18\./],
      ['5', 24, /Nearest valid h: 4 \(d_k = 6\) or 6 \(d_k = 4\)/],
      ['7', 30, /Nearest valid h: 6 \(d_k = 5\); or keep h = 7 with d_model 28\./], // 10 heads and d_model 35 are beyond the widget
      ['0', 16, /too few: .*at least 2 heads/],
      ['1', 16, /too few/],
      ['-4', 16, /too few/],
      ['9', 36, /beyond this widget’s bounds: use at most 8/],
      ['99999999999', 16, /beyond this widget’s bounds/],
      ['four', 16, /not a whole number/],
      ['2.5', 16, /not a whole number/],
      ['', 16, /Type h/],
    ];
    for (const [text, dModel, message] of cases) {
      const r = checkH(text, dModel);
      expect(r.ok, `${text} / ${dModel}`).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    expect(validHeads(24)).toEqual([2, 3, 4, 6, 8]);
  });

  it('checks d_model, seed and merge names, and crosses d_model with h', () => {
    expect(checkDModel('24')).toEqual({ ok: true, value: 24 });
    for (const [text, message] of [['64', /beyond this widget’s bounds: use 4 to 32/], ['0', /beyond/], ['-8', /beyond/], ['x', /not a whole number/]] as const) {
      const r = checkDModel(text);
      expect(!r.ok && r.error).toMatch(message);
    }
    expect(checkSeed('12')).toEqual({ ok: true, value: 12 });
    expect(checkSeed('1e9').ok).toBe(false);
    expect(checkMerge('gated')).toEqual({ ok: true, value: 'gated' });
    expect(checkMerge('<b>sum</b>')).toMatchObject({ ok: false, error: expect.stringMatching(/not a merge: use one of concat, average, weighted, gated/) });
    expect(crossCheck({ ...DEFAULT_STATE, dModel: 20, h: 8 })).toEqual({ field: 'h', error: expect.stringMatching(/d_model \(20\) is not divisible by h \(8\).*Nearest valid h: 5 \(d_k = 4\); or keep h = 8 with d_model 16 or 24/) });
    expect(crossCheck(DEFAULT_STATE)).toBeNull();
  });

  it('the h field is checked against the d_model of the state it joins', () => {
    expect(field('h').parse('6', { ...DEFAULT_STATE, dModel: 24 })).toEqual({ ok: true, value: { ...DEFAULT_STATE, dModel: 24, h: 6 } });
    expect(field('h').parse('6', DEFAULT_STATE).ok).toBe(false);
  });

  it('round-trips through URL parameters; d_model is read before h; bad links fall back with notices', () => {
    const state: MergeHeadsState = { merge: 'weighted', r: -0.75, h: 6, dModel: 24, seed: 42 };
    expect(fromParams(new URLSearchParams(toParams(state)).toString())).toEqual({ state, notices: [], present: true });
    // d_model is read before h, so a link may change both
    expect(fromParams('mh.h=3&mh.dmodel=24').state).toEqual({ ...DEFAULT_STATE, dModel: 24, h: 3 });
    const bad = fromParams('mh.r=zz&mh.h=3&mh.merge=gated');
    expect(bad.state).toEqual({ ...DEFAULT_STATE, merge: 'gated' });
    expect(bad.notices).toHaveLength(2);
    expect(bad.notices.join(' ')).toMatch(/r was ignored.*h was ignored/);
  });

  it('↑/↓ step r by 0.25 within its bounds and h through the divisors of d_model', () => {
    expect(stepValue('r', '-1', true, DEFAULT_STATE)).toBe('-0.75');
    expect(stepValue('r', '4', true, DEFAULT_STATE)).toBe('4');
    expect(stepValue('r', 'oops', false, DEFAULT_STATE)).toBe('-1.25');
    expect(stepValue('h', '4', true, { ...DEFAULT_STATE, dModel: 24 })).toBe('6');
    expect(stepValue('h', '4', false, { ...DEFAULT_STATE, dModel: 24 })).toBe('3');
    expect(stepValue('h', '8', true, { ...DEFAULT_STATE, h: 8 })).toBe('8');
    expect(stepValue('seed', '3', true, DEFAULT_STATE)).toBeNull();
  });
});

describe('merge-heads rendering', () => {
  it('computes with the real merges: the concat output is mergeConcat, the average output is mergeAverage', () => {
    const c = computeMergeHeads(DEFAULT_STATE);
    expect(c.signals.concat.output.to2DArray()).toEqual(mergeConcat(c.ex.heads, c.ex.wo).to2DArray());
    expect(c.signals.average.output.to2DArray()).toEqual(mergeAverage(c.ex.heads, c.ex.wUp).to2DArray());
    expect(c.params.average).toBe(mergeParameterCount('average', { dModel: 16, h: 4, bias: false }));
  });

  it('the default state shows averaging cancel heads 1 and 2 while concatenation keeps them', () => {
    const c = computeMergeHeads(DEFAULT_STATE);
    expect(summarize(DEFAULT_STATE, c)).toMatch(/^Head 2 carries −1 × head 1’s signal\. Average: heads 1 and 2 cancel exactly.*distance 0\.000\). Concatenation of the same heads: they move its output by \d\.\d\d, \d\.\d\d × head 1 alone\.$/);
    expect(describeDistance(DEFAULT_STATE, c)).toMatch(/0\.000: identical/);
    const rows = comparisonRows(DEFAULT_STATE, c);
    expect(rows.map((r) => r[0])).toEqual(['Concatenate → W_O', 'Average → W_up (shown)', 'Weighted average → W_up', 'Gate each head → concatenate → W_O']);
    expect(rows.map((r) => r[1])).toEqual(['6 × 16 (h·dₖ)', '6 × 4 (dₖ)', '6 × 4 (dₖ)', '6 × 16 (h·dₖ)']);
    expect(rows.map((r) => r[3])).toEqual(['256', '64', '68', '260']);
    expect(rows[1][4]).toBe('0.000');
    expect(Number(rows[0][5])).toBeGreaterThan(1);
  });

  it('summaries for the other merges name their own cancellation point or concatenation', () => {
    const weighted = { ...DEFAULT_STATE, merge: 'weighted' as const };
    expect(summarize(weighted, computeMergeHeads(weighted))).toMatch(/cancels at r = −α₁\/α₂ = −\d\.\d\d\./);
    const concat = { ...DEFAULT_STATE, merge: 'concat' as const, r: 0.5 };
    expect(summarize(concat, computeMergeHeads(concat))).toMatch(/^Head 2 carries 0\.5 × .*Concat: heads 1 and 2 move the output by/);
    expect(num(-0.0001, 3)).toBe('0.000');
    expect(num(-1.5)).toBe('−1.50');
  });

  it('renders three heatmaps with one cell per number, the bars, the comparison and the tables', () => {
    const out = renderMergeHeads(buildDocument(), DEFAULT_STATE);
    expect(out.querySelectorAll('[data-map="heads"] rect[data-row]').length).toBe(6 * 16);
    expect(out.querySelectorAll('[data-map="output"] rect[data-row]').length).toBe(6 * 16);
    expect(out.querySelectorAll('[data-map="silenced"] rect[data-row]').length).toBe(6 * 16);
    expect(out.querySelectorAll('[data-map="bars"] svg[role="img"][aria-label]').length).toBe(1);
    expect(out.querySelectorAll('.mh-compare tbody tr').length).toBe(4);
    expect(tablesByCaption(out, 'details.alt table').size).toBe(3);
    expect(out.querySelectorAll('svg g[aria-label]').length).toBe(0);
    // averaging at r = −1: the two outputs are drawn identically
    const fills = (name: string) => [...out.querySelectorAll(`[data-map="${name}"] rect[data-row]`)].map((r) => r.getAttribute('fill'));
    expect(fills('output')).toEqual(fills('silenced'));
    const concat = renderMergeHeads(buildDocument(), { ...DEFAULT_STATE, merge: 'concat' });
    const cf = (name: string) => [...concat.querySelectorAll(`[data-map="${name}"] rect[data-row]`)].map((r) => r.getAttribute('fill'));
    expect(cf('output')).not.toEqual(cf('silenced'));
  });

  it('renders the largest state within a few hundred cells', () => {
    const shell = renderShell(buildDocument(), 'mh', LARGEST_STATE);
    expect(shell.querySelectorAll('[data-map="heads"] rect[data-row]').length).toBe(6 * 32);
    expect(shell.querySelectorAll('[data-map="output"] rect[data-row]').length).toBe(6 * OUTPUT_DIMS_SHOWN);
    expect(shell.querySelector('[data-map="silenced"] .figure-title')?.textContent).toMatch(/silenced \(dims 1–16 of 32\)$/);
    expect([...tablesByCaption(shell, 'details.alt table').values()][1]).toBe(32);
    expect(shell.querySelectorAll('*').length).toBeLessThan(2000);
  });

  it('refilling in place gives exactly the charts a fresh render gives', () => {
    const doc = buildDocument();
    const cases: MergeHeadsState[] = [
      { ...DEFAULT_STATE, seed: 11 },
      { ...DEFAULT_STATE, r: 0.5 },
      { ...DEFAULT_STATE, merge: 'gated' },
      { ...DEFAULT_STATE, merge: 'concat', r: -2 },
      { ...DEFAULT_STATE, h: 2 }, // same width: only the head labels move
    ];
    for (const next of cases) {
      const live = renderMergeHeads(doc, DEFAULT_STATE);
      expect(updateMergeHeads(live, next)).toBe(true);
      const fresh = renderMergeHeads(doc, next);
      for (const sel of ['[data-map="heads"]', '[data-map="output"]', '[data-map="silenced"]', '[data-map="bars"]', '.mh-compare', '.mh-summary', '.mh-distance']) {
        expect(live.querySelector(sel)!.outerHTML, `${sel} ${JSON.stringify(next)}`).toBe(fresh.querySelector(sel)!.outerHTML);
      }
    }
  });

  it('refuses to refill when the layout changes, leaving a full render to the caller', () => {
    const doc = buildDocument();
    for (const next of [{ ...DEFAULT_STATE, dModel: 24 }, { ...DEFAULT_STATE, dModel: 8, h: 2 }]) {
      expect(updateMergeHeads(renderMergeHeads(doc, DEFAULT_STATE), next)).toBe(false);
    }
  });

  it('bars stop at 3 but print the value; a refill matches a fresh drawing', () => {
    const doc = buildDocument();
    const bars = (v: number) => [{ kind: 'concat' as const, label: 'concat', value: 1 }, { kind: 'weighted' as const, label: 'weighted', value: v }];
    const svg = mergeSignalBars(bars(7.5), { label: 'l', highlight: 'weighted', document: doc });
    const widths = [...svg.querySelectorAll('rect[data-bar]')].map((r) => Number(r.getAttribute('width')));
    expect(widths[1]).toBeCloseTo(3 * widths[0], 9);
    expect([...svg.querySelectorAll('text[data-bar-value]')].map((t) => t.textContent)).toEqual(['1.00', '7.50']);
    expect([...svg.querySelectorAll('text[data-bar-label]')].map((t) => t.textContent)).toEqual(['concat', '▸ weighted']);
    expect(updateMergeSignalBars(svg, bars(0.5), { label: 'm', highlight: 'concat' })).toBe(true);
    expect(svg.outerHTML).toBe(mergeSignalBars(bars(0.5), { label: 'm', highlight: 'concat', document: doc }).outerHTML);
    expect(updateMergeSignalBars(svg, [bars(1)[0]], { label: 'm' })).toBe(false);
  });

  it('text never becomes markup', () => {
    const out = renderMergeHeads(buildDocument(), DEFAULT_STATE);
    expect(out.querySelectorAll('script, b, img').length).toBe(0);
  });
});
