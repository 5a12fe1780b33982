// State logic and rendering of lesson 1's widget, in Node (linkedom document).
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { checkDK, checkSeed, checkSentence, DEFAULT_STATE, FIELDS, LARGEST_STATE, LIMITS } from '../../src/widgets/one-head/state';
import { fromParams as fromParamsOf, toParams as toParamsOf } from '../../src/widgets/common/fields';
import type { OneHeadState } from '../../src/widgets/one-head/state';
const toParams = (s: OneHeadState, p: string) => toParamsOf(FIELDS, s, p);
const fromParams = (params: URLSearchParams, p: string) => fromParamsOf(FIELDS, DEFAULT_STATE, params, p);
import { computeOneHead, describeCell, OUTPUT_DIMS_SHOWN, renderOneHead, summarize, updateOneHead } from '../../src/widgets/one-head/render';
import { renderShell } from '../../src/widgets/one-head/shell';
import { tablesByCaption } from '../support/tables';

describe('one-head state', () => {
  it('accepts sentences of 1 to 12 words and normalises spaces', () => {
    expect(checkSentence('  the   cat ')).toEqual({ ok: true, value: 'the cat' });
    expect(checkSentence(LARGEST_STATE.sentence).ok).toBe(true);
  });
  it('rejects empty, too long, markup and over-long words with a message', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['   ', /empty/],
      [Array(13).fill('w').join(' '), /13 tokens.*at most 12.*Remove 1/],
      ['<b>bold</b> text', /plain words/],
      ['<script>alert(1)</script>', /plain words/],
      ['a'.repeat(21), /longer than 20/],
    ];
    for (const [text, message] of cases) {
      const r = checkSentence(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
  it('checks seeds and d_k', () => {
    expect(checkSeed(' 42 ')).toEqual({ ok: true, value: 42 });
    for (const bad of ['', 'abc', '4.5', '-1', '1e3', '1000000', 'NaN']) expect(checkSeed(bad).ok).toBe(false);
    const abc = checkSeed('abc');
    expect(!abc.ok && abc.error).toMatch(/not a whole number/);
    expect(checkDK('16')).toEqual({ ok: true, value: 16 });
    for (const bad of ['3', '0', '128', 'x', '']) expect(checkDK(bad).ok).toBe(false);
  });
  it('round-trips through URL parameters and ignores bad ones with a notice', () => {
    const state = { sentence: 'a b c', seed: 9, dK: 4, scaled: false, causal: true, xScale: 30 };
    const params = new URLSearchParams(toParams(state, 'oh'));
    expect(fromParams(params, 'oh')).toEqual({ state, notices: [], present: true });
    const bad = fromParams(new URLSearchParams('oh.seed=zz&oh.dk=5&oh.sentence=ok&oh.causal=yes'), 'oh');
    expect(bad.state).toEqual({ ...DEFAULT_STATE, sentence: 'ok' });
    expect(bad.notices).toHaveLength(3);
    expect(bad.notices[2]).toMatch(/causal was ignored.*1 \(on\) or 0 \(off\)/);
    expect(fromParams(new URLSearchParams('x=1'), 'oh').present).toBe(false);
  });
});

describe('one-head rendering', () => {
  it('computes weights whose rows sum to 1, with identical rows for repeated words', () => {
    const { tokens, result } = computeOneHead(DEFAULT_STATE);
    expect(tokens.length).toBe(10);
    for (let i = 0; i < tokens.length; i++) expect(result.weights.getRow(i).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(result.weights.getRow(0)).toEqual(result.weights.getRow(4)); // "the" twice
  });
  it('turning the scaling off multiplies the scores by √d_k', () => {
    const on = computeOneHead(DEFAULT_STATE).result;
    const off = computeOneHead({ ...DEFAULT_STATE, scaled: false }).result;
    expect(off.scores.get(2, 3)).toBeCloseTo(on.scores.get(2, 3) * Math.sqrt(DEFAULT_STATE.dK), 10);
  });
  it('renders maps with one addressable cell per pair, an output map and tables', () => {
    const doc = buildDocument();
    const out = renderOneHead(doc, DEFAULT_STATE, [1, 2]);
    const n = 10;
    expect(out.querySelectorAll('[data-map="weights"] rect[data-row]').length).toBe(n * n);
    expect(out.querySelectorAll('[data-map="scores"] rect[data-row]').length).toBe(n * n);
    expect(out.querySelectorAll('[data-map="output"] rect[data-row]').length).toBe(n * DEFAULT_STATE.dK);
    expect(tablesByCaption(out).size).toBe(3);
    expect(out.querySelector('.oh-readout')?.textContent).toMatch(/Query “cat” \(2\) → key “sat” \(3\)/);
    expect(out.querySelectorAll('svg[data-heatmap][role="img"][aria-label]').length).toBe(3);
    expect(out.querySelectorAll('svg.color-legend[role="img"][aria-label]').length).toBe(2);
    expect(out.querySelectorAll('svg g[aria-label]').length).toBe(0);
  });
  it('keeps typed text as text: characters that look like markup stay literal', () => {
    const doc = buildDocument();
    const state = { ...DEFAULT_STATE, sentence: 'a&amp;b "q" it\'s' };
    const out = renderOneHead(doc, state);
    expect(out.querySelector('tbody th')?.textContent).toBe('a&amp;b');
    expect(out.querySelectorAll('script, b').length).toBe(0);
    expect(out.innerHTML).toContain('a&amp;amp;b');
  });
  it('renders at the largest size and describes cells', () => {
    const { tokens, result } = computeOneHead(LARGEST_STATE);
    expect(tokens.length).toBe(LIMITS.maxTokens);
    expect(summarize(tokens, result)).toMatch(/Most focused/);
    expect(describeCell(tokens, result, [0, 11])).toMatch(/“one” \(1\) → key “twelve” \(12\)/);
    const shell = renderShell(buildDocument(), 'oh', LARGEST_STATE);
    expect(shell.querySelectorAll('[data-map="output"] rect[data-row]').length).toBe(12 * OUTPUT_DIMS_SHOWN);
    expect(shell.querySelector('[data-map="output"] .figure-title')?.textContent).toMatch(/12 × 64\), first 16 dimensions shown/);
    expect([...tablesByCaption(shell).values()][2]).toBe(64); // in parts of at most 12 columns
    expect(shell.querySelectorAll('table.numbers thead tr')[2].querySelectorAll('th').length).toBeLessThanOrEqual(13);
  });

  it('refilling in place gives exactly the charts a fresh render gives', () => {
    const doc = buildDocument();
    const cases = [
      { ...DEFAULT_STATE, seed: 11 },                        // new numbers
      { ...DEFAULT_STATE, scaled: false },                   // scaling off: new numbers and titles
      { ...DEFAULT_STATE, sentence: 'the dog sat on the rug because it was cold' }, // same layout, new labels
    ];
    for (const next of cases) {
      const live = renderOneHead(doc, DEFAULT_STATE, [2, 3]);
      expect(updateOneHead(live, next, [2, 3])).toBe(true);
      const fresh = renderOneHead(doc, next, [2, 3]);
      for (const map of ['scores', 'weights', 'output']) {
        expect(live.querySelector(`[data-map="${map}"]`)!.outerHTML, `${map} ${JSON.stringify(next)}`).toBe(fresh.querySelector(`[data-map="${map}"]`)!.outerHTML);
      }
      expect(live.querySelector('.oh-summary')!.textContent).toBe(fresh.querySelector('.oh-summary')!.textContent);
      expect(live.querySelector('.oh-readout')!.textContent).toBe(fresh.querySelector('.oh-readout')!.textContent);
    }
  });
  it('causal mask: −∞ scores and 0 weights above the diagonal, drawn grey and described; the visible scores are the unmasked ones', () => {
    const state = { ...DEFAULT_STATE, causal: true };
    const { tokens, result } = computeOneHead(state);
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        expect(result.scores.get(i, j)).toBe(-Infinity);
        expect(result.weights.get(i, j)).toBe(0);
      }
      expect(result.weights.getRow(i).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    }
    expect(result.weights.getRow(0)[0]).toBe(1);
    // the visible scores are the unmasked ones
    const open = computeOneHead(DEFAULT_STATE).result;
    expect(result.scores.get(5, 2)).toBe(open.scores.get(5, 2));
    const doc = buildDocument();
    const out = renderOneHead(doc, state, [1, 2]);
    const masked = n * (n - 1) / 2;
    for (const map of ['scores', 'weights']) {
      expect(out.querySelectorAll(`[data-map="${map}"] rect[data-row]`).length, map).toBe(n * n);
      expect(out.querySelectorAll(`[data-map="${map}"] rect[data-masked]`).length, map).toBe(masked);
      expect(out.querySelector(`[data-map="${map}"] rect[data-row="1"][data-col="2"]`)!.hasAttribute('data-masked')).toBe(true);
      expect(out.querySelector(`[data-map="${map}"] rect[data-row="2"][data-col="1"]`)!.hasAttribute('data-masked')).toBe(false);
      expect(out.querySelector(`[data-map="${map}"] svg[data-heatmap]`)!.getAttribute('aria-label')).toMatch(/Grey cells above the diagonal are hidden by the causal mask/);
    }
    expect(out.querySelectorAll('[data-map="output"] rect[data-masked]').length).toBe(0);
    expect(out.querySelector('[data-map="scores"] .figure-title')!.textContent).toMatch(/causal mask/);
    expect(out.querySelector('.oh-readout')!.textContent).toMatch(/“cat” \(2\) → key “sat” \(3\): hidden by the causal mask.*score −∞, weight 0/);
    expect(describeCell(tokens, result, [2, 1])).toMatch(/weight 0\.\d{3}, score/);
    expect(out.querySelectorAll('table')[1].querySelector('tbody tr td:nth-child(3)')!.textContent).toBe('−∞');
    const summary = summarize(tokens, result);
    expect(summary).toMatch(/uniform over the \d+ keys it sees would be/);
    expect(summary).toMatch(/“the” \(1\) sees only itself/);
    expect(summary).not.toMatch(/Most focused: “the” \(1\) puts 1\.00/);
    // one token: nothing to choose, no crash
    const one = computeOneHead({ ...state, sentence: 'alone' });
    expect(summarize(one.tokens, one.result)).toMatch(/Most focused: “alone” \(1\) puts 1\.00/);
  });

  it('switching the causal mask on and off refills in place, exactly as a fresh render', () => {
    const doc = buildDocument();
    for (const [from, to] of [[false, true], [true, false]]) {
      const live = renderOneHead(doc, { ...DEFAULT_STATE, causal: from }, [3, 4]);
      const next = { ...DEFAULT_STATE, causal: to };
      expect(updateOneHead(live, next, [3, 4])).toBe(true);
      const fresh = renderOneHead(doc, next, [3, 4]);
      for (const map of ['scores', 'weights', 'output']) {
        expect(live.querySelector(`[data-map="${map}"]`)!.outerHTML, `${map} causal ${from} → ${to}`).toBe(fresh.querySelector(`[data-map="${map}"]`)!.outerHTML);
      }
      expect(live.querySelector('.oh-summary')!.textContent).toBe(fresh.querySelector('.oh-summary')!.textContent);
    }
  });

  it('refuses to refill when the layout changes, leaving a full render to the caller', () => {
    const doc = buildDocument();
    for (const next of [{ ...DEFAULT_STATE, sentence: 'just three words' }, { ...DEFAULT_STATE, dK: 4 }]) {
      expect(updateOneHead(renderOneHead(doc, DEFAULT_STATE), next, null)).toBe(false);
    }
  });
});
