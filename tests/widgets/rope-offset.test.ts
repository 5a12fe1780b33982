// Lesson 9's RoPE widget in real Chromium (vitest browser mode): the two series agree,
// the numbers are the core's, bad input keeps the last good picture, links round-trip.
import { describe, expect, it } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/rope-offset.css';
import { applyRope, mulberry32, randomMatrix } from '../../src/attention';
import { defineRopeOffset, type RopeOffset } from '../../src/widgets/rope-offset/element';
import { renderShell } from '../../src/widgets/rope-offset/shell';
import { DEFAULT_STATE } from '../../src/widgets/rope-offset/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: RopeOffset;

const mount = (search = '') => mountWidget<RopeOffset>('rope-offset', 'ro', renderShell, defineRopeOffset, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const text = (sel: string) => q(sel).textContent ?? '';
const largestDifference = () => Number(/offsets: ([\d.e+-]+) \(rounding\)/.exec(text('[data-equal]'))![1]);
const tableRows = () => [...el.querySelectorAll('details.alt tbody tr')].map((tr) => [tr.querySelector('th')!.textContent, ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent))]);

guardWidgetTests(() => el);

describe('<rope-offset>', () => {
  it('draws the score against the offset twice, and says the two agree to rounding', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(largestDifference()).toBeLessThan(1e-9);
    expect(text('[data-equal]')).toMatch(/over the 65 offsets.*Moving both positions by 1,000 changes no score/);
    expect(text('[data-invariants]')).toMatch(/v is not rotated/);
    // the widget's score at offset 0 and at offset 5 are the core's (R_m q)·(R_n k)
    const rng = mulberry32(DEFAULT_STATE.seed);
    const qv = randomMatrix(1, 8, rng), kv = randomMatrix(1, 8, rng);
    const score = (m: number, n: number) => applyRope(qv, { positions: [m] }).mmul(applyRope(kv, { positions: [n] }).transpose()).get(0, 0);
    const rows = tableRows();
    const at = (label: string) => rows.find((r) => r[0] === label)!;
    expect(at('0')[1]).toBeCloseTo(score(32, 32), 4);
    expect(at('0')[1]).toBeCloseTo(qv.mmul(kv.transpose()).get(0, 0), 4); // offset 0: the plain q·k
    expect(at('−10')[2]).toBeCloseTo(score(1022, 1032), 4);
    expect(el.querySelectorAll('[data-map="offsets"] svg circle').length).toBeGreaterThan(20);
  });

  it('a new shift, d_k or base redraws and the URL follows; the series still agree', async () => {
    el = await mount();
    await userEvent.fill(q<HTMLInputElement>('[name="shift"]'), '54321');
    expect(el.value.shift).toBe(54321);
    expect(text('[data-equal]')).toMatch(/by 54,321/);
    expect(largestDifference()).toBeLessThan(1e-8);
    await userEvent.selectOptions(q<HTMLSelectElement>('[name="dk"]'), '32');
    expect(text('[data-invariants]')).toMatch(/d_k = 32 gives 16 pairs/);
    await userEvent.fill(q<HTMLInputElement>('[name="base"]'), '1e5');
    expect(el.value.base).toBe(100000);
    await userEvent.selectOptions(q<HTMLSelectElement>('[name="span"]'), '128');
    expect(text('[data-equal]')).toMatch(/over the 257 offsets/);
    await expect.poll(() => new URL(location.href).searchParams.get('ro.shift')).toBe('54321');
    await expect.poll(() => new URL(location.href).searchParams.get('ro.base')).toBe('100000');
    q<HTMLInputElement>('[name="shift"]').focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(el.value.shift).toBe(54400);
  });

  it('bad input: a message next to the control, the last good picture kept', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    const cases: [string, string, RegExp][] = [
      ['base', '1', /outside this widget's range 2 to 1,000,000/],
      ['base', 'ten', /not a number/],
      ['base', '', /Type a base/],
      ['shift', '-5', /out of range|not a whole number/],
      ['shift', '100001', /out of range/],
      ['shift', '1.5', /not a whole number/],
      ['seed', '<b>7</b>', /not a whole number/],
    ];
    for (const [name, typed, message] of cases) {
      await userEvent.fill(q<HTMLInputElement>(`[name="${name}"]`), typed);
      expect(q(`[data-error-for="${name}"]`).textContent, `${name}=${typed}`).toMatch(message);
      expect(q(`[name="${name}"]`).getAttribute('aria-invalid')).toBe('true');
      expect(q('[data-output]').innerHTML).toBe(before);
      expect(el.value).toEqual(DEFAULT_STATE);
      await userEvent.fill(q<HTMLInputElement>(`[name="${name}"]`), String(DEFAULT_STATE[name as 'base' | 'shift' | 'seed']));
    }
    expect(el.querySelector('[data-output] b, [data-error-for] b')).toBeNull();
  });

  it('opens in the state a link carries; an odd d_k in a link is refused with the reason', async () => {
    el = await mount('?ro.dk=16&ro.base=500&ro.shift=77&ro.span=8&ro.seed=9');
    expect(el.value).toEqual({ dK: 16, base: 500, shift: 77, span: 8, seed: 9 });
    expect(text('[data-equal]')).toMatch(/over the 17 offsets/);
    el.remove();
    el = await mount('?ro.dk=7');
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(q('[data-notice]').textContent).toMatch(/dk was ignored \(d_k = 7 is odd: RoPE turns dimensions in pairs/);
  });
});
