// Lesson 1's widget in real Chromium (vitest browser mode): input, bad input, keyboard.
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import { defineOneHeadAttention, type OneHeadAttention } from '../../src/widgets/one-head/element';
import { renderShell } from '../../src/widgets/one-head/shell';
import { DEFAULT_STATE } from '../../src/widgets/one-head/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: OneHeadAttention;

const mount = (search = '') => mountWidget<OneHeadAttention>('one-head-attention', 'oh', renderShell, defineOneHeadAttention, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const cells = (map: string) => el.querySelectorAll(`[data-map="${map}"] rect[data-row]`).length;

guardWidgetTests(() => el);

describe('<one-head-attention>', () => {
  it('starts from the default state and redraws when the sentence changes', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(cells('weights')).toBe(100);
    const seen: unknown[] = [];
    el.addEventListener('input', (e) => seen.push((e.target as OneHeadAttention).value));
    await userEvent.fill(q<HTMLInputElement>('[name="sentence"]'), 'attention is all you need');
    expect(cells('weights')).toBe(25);
    expect(el.value.sentence).toBe('attention is all you need');
    expect(seen.at(-1)).toMatchObject({ sentence: 'attention is all you need' });
    await expect.poll(() => new URL(location.href).searchParams.get('oh.sentence')).toBe('attention is all you need');
  });

  it('open tables are redrawn whole when the picture changes: every table once, the wide output in column ranges', async () => {
    el = await mount();
    q<HTMLDetailsElement>('details.alt').open = true;
    await expect.poll(() => q('details.alt').hasAttribute('data-stale')).toBe(false);
    const tables = () => {
      const details = q('details.alt');
      expect(details.querySelectorAll('.table-parts .table-parts')).toHaveLength(0);
      expect(details.textContent).not.toMatch(/undefined/);
      return { captions: [...details.querySelectorAll('caption')].map((c) => c.textContent), rows: details.querySelectorAll('tbody tr').length, first: details.querySelector('td')!.textContent };
    };
    const before = tables();
    expect(before.captions).toHaveLength(4); // weights, scores, and the 16 output columns in two ranges
    expect(before.rows).toBe(4 * 10);
    await userEvent.fill(q<HTMLInputElement>('[name="seed"]'), '5'); // same shape: the picture is refilled in place
    const refilled = tables();
    expect(refilled).toMatchObject({ captions: before.captions, rows: 40 });
    expect(refilled.first).not.toBe(before.first);
    await userEvent.fill(q<HTMLInputElement>('[name="sentence"]'), 'the cat sat on a mat'); // a new shape: drawn anew
    expect(tables()).toMatchObject({ captions: before.captions, rows: 4 * 6 });
  });

  it('bad input: a message next to the control, the last good picture kept', async () => {
    el = await mount();
    const input = q<HTMLInputElement>('[name="sentence"]');
    const before = q('[data-output]').innerHTML;
    for (const [text, message] of [
      ['', /empty/],
      [Array(13).fill('word').join(' '), /at most 12/],
      ['<img src=x onerror=alert(1)> hello', /plain words/],
    ] as const) {
      await userEvent.fill(input, text);
      expect(q('[data-error-for="sentence"]').textContent).toMatch(message);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(q('[data-output]').innerHTML).toBe(before);
    }
    expect(el.querySelector('[data-output] img')).toBeNull();
    // while one control is invalid, nothing is drawn from the others either
    const seed = q<HTMLInputElement>('[name="seed"]');
    await userEvent.fill(seed, '12');
    expect(el.value.seed).toBe(DEFAULT_STATE.seed);
    await userEvent.fill(seed, 'seven');
    expect(q('[data-error-for="seed"]').textContent).toMatch(/not a whole number/);
    expect(q('[data-error-for="sentence"]').textContent).toMatch(/plain words/);
    await userEvent.fill(input, 'fixed again');
    expect(q('[data-error-for="sentence"]').textContent).toBe('');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(q('[data-output]').innerHTML).toBe(before); // seed still invalid
    await userEvent.fill(seed, '12');
    expect(q('[data-error-for="seed"]').textContent).toBe('');
    expect(el.value).toMatchObject({ seed: 12, sentence: 'fixed again' });
    expect(cells('weights')).toBe(4);
  });

  it('"New seed" (declared with the seed field) clears a typed mistake and draws another seed', async () => {
    el = await mount();
    const seed = q<HTMLInputElement>('[name="seed"]');
    await userEvent.fill(seed, 'seven');
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.4321);
    await userEvent.click(q('[data-action="reseed"]'));
    random.mockRestore();
    expect(el.value.seed).toBe(432);
    expect(seed.value).toBe('432');
    expect(q('[data-error-for="seed"]').textContent).toBe('');
    expect(seed.getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => new URL(location.href).searchParams.get('oh.seed')).toBe('432');
  });

  it('the √d_k toggle and d_k change the scores', async () => {
    el = await mount();
    const title = () => q('[data-map="scores"] .figure-title').textContent;
    expect(title()).toContain('√16');
    await userEvent.click(q('[name="scaled"]'));
    expect(el.value.scaled).toBe(false);
    expect(title()).toContain('unscaled');
    await userEvent.selectOptions(q<HTMLSelectElement>('[name="dk"]'), '64');
    expect(el.value.dK).toBe(64);
    expect(cells('output')).toBe(10 * 16);
    expect(q('[data-map="output"] .figure-title').textContent).toMatch(/first 16 dimensions/);
  });

  it('arrow keys move a focus cell over the maps and read it out', async () => {
    el = await mount();
    q('[data-map="weights"]').focus();
    await vi.waitFor(() => expect(q('.oh-readout').textContent).toMatch(/Query “the” \(1\) → key “the” \(1\)/), { timeout: 10_000 });
    await userEvent.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}');
    expect(q('.oh-readout').textContent).toMatch(/Query “cat” \(2\) → key “sat” \(3\): weight 0\.\d{3}/);
    expect(document.activeElement?.getAttribute('data-map')).toBe('weights');
    await userEvent.keyboard('{End}');
    expect(q('.oh-readout').textContent).toMatch(/key “warm” \(10\)/);
  });

  it('the causal switch greys out the upper triangle, by keyboard, and the readout names the mask', async () => {
    el = await mount();
    const masked = (map: string) => el.querySelectorAll(`[data-map="${map}"] rect[data-masked]`).length;
    expect(masked('weights')).toBe(0);
    const box = q<HTMLInputElement>('[name="causal"]');
    box.focus();
    await userEvent.keyboard(' ');
    expect(el.value.causal).toBe(true);
    expect(masked('weights')).toBe(45); // 10 tokens: 10·9/2 cells above the diagonal
    expect(masked('scores')).toBe(45);
    expect(cells('scores')).toBe(100); // −∞ cells are drawn (grey), not dropped
    await expect.poll(() => new URL(location.href).searchParams.get('oh.causal')).toBe('1');
    q('[data-map="weights"]').focus();
    await vi.waitFor(() => expect(q('.oh-readout').textContent).toMatch(/Query “the” \(1\) → key “the” \(1\)/), { timeout: 10_000 });
    await userEvent.keyboard('{ArrowRight}');
    expect(q('.oh-readout').textContent).toMatch(/key “cat” \(2\): hidden by the causal mask.*score −∞, weight 0/);
    expect(q('.oh-summary').textContent).toMatch(/sees only itself/);
    box.focus();
    await userEvent.keyboard(' ');
    expect(el.value.causal).toBe(false);
    expect(masked('weights')).toBe(0);
  });

  it('opens in the state a link carries, and falls back with a notice on a bad link', async () => {
    el = await mount('?oh.sentence=one+two+three&oh.seed=5&oh.dk=4&oh.scaled=0');
    expect(el.value).toEqual({ sentence: 'one two three', seed: 5, dK: 4, scaled: false, causal: false, xScale: 1 });
    expect(q<HTMLInputElement>('[name="sentence"]').value).toBe('one two three');
    expect(cells('weights')).toBe(9);
    el.remove();
    el = await mount('?oh.seed=banana');
    expect(el.value).toEqual(DEFAULT_STATE);
    const notice = q('[data-notice]');
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/seed was ignored/);
  });
});
