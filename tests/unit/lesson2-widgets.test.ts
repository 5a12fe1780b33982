// State and rendering of lesson 2's widgets, in Node.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { fromParams, toParams } from '../../src/widgets/common/fields';
import * as two from '../../src/widgets/two-heads/state';
import { renderTwoHeads, updateTwoHeads } from '../../src/widgets/two-heads/render';
import * as split from '../../src/widgets/split-check/state';
import { renderSplitCheck } from '../../src/widgets/split-check/render';

describe('one-vs-two-heads state', () => {
  it('accepts letters with or without spaces, any case', () => {
    expect(two.checkSequence('C A b')).toEqual({ ok: true, value: 'c a b' });
    expect(two.checkSequence('cabd')).toEqual({ ok: true, value: 'c a b d' });
  });
  it('rejects other letters, markup, too few and too many, saying why', () => {
    const cases: [string, RegExp][] = [
      ['', /Type 2 to 10 letters/], ['a', /at least 2/], ['a b z', /“z” is not one of the letters/],
      ['<b>', /is not one of the letters/], ['abcdefabcde', /11 letters.*at most 10/], ['ab cd', /“ab” is not one/],
    ];
    for (const [text, message] of cases) {
      const r = two.checkSequence(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
  it('checks β: a number from 0 to 20', () => {
    expect(two.checkBeta(' 2.5 ')).toEqual({ ok: true, value: 2.5 });
    for (const bad of ['', 'sharp', '-1', '21', '1e3', 'NaN']) expect(two.checkBeta(bad).ok, bad).toBe(false);
  });
  it('round-trips through the URL', () => {
    const state = { sequence: 'a b a', beta: 3 };
    expect(fromParams(two.FIELDS, two.DEFAULT_STATE, new URLSearchParams(toParams(two.FIELDS, state, 'th')), 'th').state).toEqual(state);
  });
});

describe('one-vs-two-heads rendering', () => {
  it('draws three maps, the distance chart and the decoded table', () => {
    const out = renderTwoHeads(buildDocument(), two.DEFAULT_STATE);
    for (const m of ['one', 'h1', 'h2']) expect(out.querySelectorAll(`[data-map="${m}"] rect[data-row]`).length).toBe(64);
    expect(out.querySelectorAll('table.decoded tbody tr').length).toBe(8);
    expect(out.querySelector('.widget-summary')?.textContent).toMatch(/one head 0\.\d\d, two heads 0\.0\d/);
    expect(out.querySelector('table.decoded tbody tr:nth-child(3)')?.textContent).toMatch(/a\u00a00\.50 \+\u00a0c\u00a00\.50/); // a letter and its value kept together, one per line
  });
  it('refills in place for the same length and matches a fresh render', () => {
    const doc = buildDocument();
    const live = renderTwoHeads(doc, two.DEFAULT_STATE);
    const next = { sequence: 'a b c d e f a b', beta: 2 };
    expect(updateTwoHeads(live, next)).toBe(true);
    expect(live.outerHTML).toBe(renderTwoHeads(doc, next).outerHTML);
    expect(updateTwoHeads(live, { sequence: 'a b', beta: 2 })).toBe(false);
  });
});

describe('split-check', () => {
  it('h must divide d_model, with the nearest valid h named', () => {
    expect(split.cross({ dModel: 12, h: 5, seed: 1 })).toEqual({
      field: 'h', error: 'd_model (12) is not divisible by h (5): the course uses d_k = d_model/h, so h must divide d_model. Nearest valid h: 4 (d_k = 3) or 6 (d_k = 2).',
    });
    // widths are the select's: keeping h = 3 means d_model 8 is no option, 24 is
    expect(split.cross({ dModel: 16, h: 3, seed: 1 })?.error).toMatch(/Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\); or keep h = 3 with d_model 12 or 24\.$/);
    expect(split.cross({ dModel: 24, h: 24, seed: 1 })).toBeNull();
    for (const bad of ['0', '-2', 'two', '2.5', '99']) expect(split.checkH(bad).ok, bad).toBe(false);
    expect(split.checkDModel('10').ok).toBe(false);
  });
  it('a link with h not dividing d_model falls back to the defaults with a notice', () => {
    const r = fromParams(split.FIELDS, split.DEFAULT_STATE, new URLSearchParams('sc.dmodel=16&sc.h=5'), 'sc', split.cross);
    expect(r.state).toEqual(split.DEFAULT_STATE);
    expect(r.notices.join(' ')).toMatch(/did not fit together.*not divisible by h \(5\)/);
  });
  it('renders W_Q in head blocks and a zero difference for every head', () => {
    const out = renderSplitCheck(buildDocument(), split.LARGEST_STATE);
    expect(out.querySelectorAll('[data-chart="blocks"] rect').length).toBe(24 * 24);
    expect(out.querySelectorAll('table.split-table tbody tr').length).toBe(24);
    expect([...out.querySelectorAll('table.split-table tbody td:last-child')].every((td) => td.textContent === '0 (exactly)')).toBe(true);
  });
});
