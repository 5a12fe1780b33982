// Lesson 5's widget in real Chromium (vitest browser mode): merges, r, h and d_model,
// bad input kept out with a message beside the control, keyboard stepping, links.
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/merge-heads.css';
import { defineMergeHeads, type MergeHeads } from '../../src/widgets/merge-heads/element';
import { renderShell } from '../../src/widgets/merge-heads/shell';
import { DEFAULT_STATE } from '../../src/widgets/merge-heads/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: MergeHeads;

const mount = (search = '') => mountWidget<MergeHeads>('merge-heads', 'mh', renderShell, defineMergeHeads, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const cells = (map: string) => el.querySelectorAll(`[data-map="${map}"] rect[data-row]`).length;
const fills = (map: string) => [...el.querySelectorAll(`[data-map="${map}"] rect[data-row]`)].map((r) => r.getAttribute('fill')).join();
const distance = () => q('.mh-distance').textContent ?? '';

guardWidgetTests(() => el);

describe('<merge-heads>', () => {
  it('starts at the default: averaging at r = −1 draws the two outputs identically', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(cells('heads')).toBe(6 * 16);
    expect(fills('output')).toBe(fills('silenced'));
    expect(distance()).toMatch(/0\.000: identical/);
  });

  it('switching to concatenation separates the two pictures; r changes the numbers and the URL', async () => {
    el = await mount();
    const seen: unknown[] = [];
    el.addEventListener('input', (e) => seen.push((e.target as MergeHeads).value));
    await userEvent.selectOptions(q<HTMLSelectElement>('[name="merge"]'), 'concat');
    expect(el.value.merge).toBe('concat');
    expect(fills('output')).not.toBe(fills('silenced'));
    expect(distance()).toMatch(/: [1-9]\.\d{3}\.$/);
    expect(q('[data-map="output"] .figure-title').textContent).toMatch(/^Concatenate → W_O: heads as they are/);
    await userEvent.fill(q<HTMLInputElement>('[name="r"]'), '0.5');
    expect(el.value.r).toBe(0.5);
    expect(q('[data-map="heads"] .figure-title').textContent).toMatch(/head 2 = 0\.5 × head 1/);
    expect(seen.at(-1)).toMatchObject({ merge: 'concat', r: 0.5 });
    await expect.poll(() => new URL(location.href).searchParams.get('mh.r')).toBe('0.5');
    await expect.poll(() => new URL(location.href).searchParams.get('mh.merge')).toBe('concat');
  });

  it('bad input: a message next to the control, the last good picture kept', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    const cases: [string, string, RegExp][] = [
      ['r', 'minus one', /not a number/],
      ['r', '', /Type r/],
      ['r', '1e999', /not a number/],
      ['r', '12', /out of range/],
      ['h', '0', /at least 2 heads/],
      ['h', '-3', /at least 2 heads/],
      ['h', '3', /d_model \(16\) is not divisible by h \(3\): the course uses d_k = d_model\/h.*Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\)/],
      ['h', '64', /beyond this widget’s bounds/],
      ['h', '4', /^$/],
      ['dmodel', '4096', /beyond this widget’s bounds/],
      ['dmodel', '18', /d_model \(18\) is not divisible by h \(4\).*Nearest valid h: 3 \(d_k = 6\) or 6 \(d_k = 3\); or keep h = 4 with d_model 16 or 20/],
      ['dmodel', '16', /^$/],
      ['seed', '<img src=x onerror=alert(1)>', /not a whole number/],
    ];
    for (const [name, text, message] of cases) {
      const input = q<HTMLInputElement>(`[name="${name}"]`);
      await userEvent.fill(input, text);
      // h not dividing d_model is said next to h, whichever of the two was typed
      const slot = /divisible/.test(message.source) ? 'h' : name;
      expect(q(`[data-error-for="${slot}"]`).textContent, `${name}=${text}`).toMatch(message);
      expect(q(`[name="${slot}"]`).getAttribute('aria-invalid')).toBe(message.source === '^$' ? 'false' : 'true');
      expect(q('[data-output]').innerHTML).toBe(before); // the default again, or kept
      expect(el.value).toEqual(DEFAULT_STATE);
    }
    expect(el.querySelector('[data-output] img')).toBeNull();
  });

  it('the message describes what is typed: fixing the other box clears it', async () => {
    el = await mount();
    await userEvent.fill(q<HTMLInputElement>('[name="h"]'), '3');
    expect(q('[data-error-for="h"]').textContent).toMatch(/Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\); or keep h = 3 with d_model 15 or 18\./);
    expect(el.value.h).toBe(4);
    await userEvent.fill(q<HTMLInputElement>('[name="dmodel"]'), '24');
    expect(el.value).toMatchObject({ dModel: 24, h: 3 });
    expect(q('[data-error-for="h"]').textContent).toBe('');
    expect(q<HTMLInputElement>('[name="h"]').getAttribute('aria-invalid')).toBe('false');
    expect(cells('heads')).toBe(6 * 24);
    expect(cells('output')).toBe(6 * 16); // first 16 of 24 dimensions drawn; all in the tables
    expect(q('.mh-compare tbody tr:nth-child(2) td').textContent).toBe('6 × 8 (dₖ)');
  });

  it('↑/↓ step r by 0.25 and h through the valid values; buttons and tables work by keyboard', async () => {
    el = await mount();
    const r = q<HTMLInputElement>('[name="r"]');
    r.focus();
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(el.value.r).toBe(-0.5);
    expect(r.value).toBe('-0.5');
    const hBox = q<HTMLInputElement>('[name="h"]');
    hBox.focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(el.value.h).toBe(8);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(el.value.h).toBe(2);
    const summary = q('details.alt summary');
    summary.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(el.querySelectorAll('details.alt table').length).toBeGreaterThanOrEqual(3), { timeout: 10_000 }); // wide ones in column ranges
    expect(el.querySelector('details.alt tbody td')?.textContent).toMatch(/^-?\d\.\d{3}$/);
    q<HTMLButtonElement>('[data-action="reset"]').focus();
    await userEvent.keyboard('{Enter}');
    expect(el.value).toEqual(DEFAULT_STATE);
  });

  it('opens in the state a link carries, and falls back with a notice on a bad link', async () => {
    el = await mount('?mh.merge=weighted&mh.r=-1.25&mh.dmodel=24&mh.h=6&mh.seed=7');
    expect(el.value).toEqual({ merge: 'weighted', r: -1.25, dModel: 24, h: 6, seed: 7 });
    expect(q<HTMLSelectElement>('[name="merge"]').value).toBe('weighted');
    expect(cells('heads')).toBe(6 * 24);
    el.remove();
    el = await mount('?mh.h=5');
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(q('[data-notice]').hidden).toBe(false);
    expect(q('[data-notice]').textContent).toMatch(/h was ignored \(d_model \(16\) is not divisible by h \(5\)/);
  });
});
