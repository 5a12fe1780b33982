// Lesson 9's K/V-cache calculator in real Chromium (vitest browser mode): the numbers for a
// picked model, the context filled in from the model, bad input kept beside its box, links,
// keyboard, refills in place. Redraw times are a benchmark (tests/bench/generating-kv.ts).
import { describe, expect, it } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/kv-cache.css';
import { defineKvCache, type KvCache } from '../../src/widgets/kv-cache/element';
import { renderShell } from '../../src/widgets/kv-cache/shell';
import { DEFAULT_STATE } from '../../src/widgets/kv-cache/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: KvCache;

const mount = (search = '') => mountWidget<KvCache>('kv-cache', 'kv', renderShell, defineKvCache, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const control = <T extends HTMLElement = HTMLInputElement>(name: string) => q<T>(`[name="${name}"]`);
const error = (name: string) => q(`[data-error-for="${name}"]`).textContent;
const summary = () => q('.kv-summary').textContent;
const cell = (row: number, col: number) => q(`table[data-table="breakdown"] tbody tr:nth-child(${row}) > :nth-child(${col})`).textContent;

guardWidgetTests(() => el);

describe('<kv-cache>', () => {
  it('opens on Llama 2 70B at 4,096 tokens in float16: 320 KiB per token, 1.25 GiB in all, 10 GiB as MHA', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(summary()).toMatch(/^Llama 2 70B caches 320 KiB of keys and values per token .* At n = 4,096 that is 1\.25 GiB/);
    expect([cell(1, 3), cell(2, 3), cell(3, 3), cell(4, 3), cell(5, 3), cell(6, 3)]).toEqual(['256 B', '512 B', '4 KiB', '320 KiB', '1.25 GiB', '10 GiB']);
    expect(el.querySelectorAll('[data-chart="kv-read"] svg [aria-label="bar"] rect, [data-chart="kv-read"] svg rect').length).toBeGreaterThanOrEqual(7);
    // In bold: the whole context in the breakdown, and in the chart's table the model's own row, as the chart colours it.
    const bold = (table: string) => [...el.querySelectorAll(`table[data-table="${table}"] tr.kv-total th`)].map((th) => th.textContent);
    expect(bold('breakdown')).toEqual(['whole context (n = 4,096)']);
    expect(bold('sweep')).toEqual(['8']);
  });

  it('picking a model fills in its context length; typing n and precision recomputes', async () => {
    el = await mount();
    const seen: unknown[] = [];
    el.addEventListener('input', (e) => seen.push((e.target as KvCache).value));
    await userEvent.selectOptions(control<HTMLSelectElement>('model'), 'gemma-7b');
    expect(control('n').value).toBe('8192');
    expect(summary()).toMatch(/^Gemma 7B caches 448 KiB .* At n = 8,192 that is 3\.5 GiB/);
    expect(seen.at(-1)).toEqual({ model: 'gemma-7b', n: 8192, bytes: 2 });
    await userEvent.selectOptions(control<HTMLSelectElement>('model'), 'llama3-8b'); // no context length in its row: n stays
    expect(control('n').value).toBe('8192');
    await userEvent.fill(control('n'), '1,024');
    await userEvent.selectOptions(control<HTMLSelectElement>('bytes'), '4');
    expect(summary()).toMatch(/^Llama 3 8B caches 256 KiB .* At n = 1,024 that is 256 MiB/);
    await expect.poll(() => new URL(location.href).searchParams.get('kv.model')).toBe('llama3-8b');
  });

  it('bad input: a message beside the box, the last good numbers kept, typed text never markup', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    for (const [text, message] of [['', /Type a context length/], ['0', /out of range: use 1 to 1048576/], ['2.5', /not a whole number/], ['9999999', /out of range/], ['<img src=x onerror=alert(1)>', /is not a whole number/]] as const) {
      await userEvent.fill(control('n'), text);
      expect(error('n'), text).toMatch(message);
      expect(control('n').getAttribute('aria-invalid')).toBe('true');
      expect(q('[data-output]').innerHTML).toBe(before);
    }
    expect(el.querySelector('img')).toBeNull();
    await userEvent.fill(control('n'), '4096');
    expect(error('n')).toBe('');
  });

  it('a link opens it in that state; a bad link falls back with a notice', async () => {
    el = await mount('?kv.model=gemma-2b&kv.n=100&kv.bytes=1');
    expect(el.value).toEqual({ model: 'gemma-2b', n: 100, bytes: 1 });
    expect(summary()).toMatch(/^Gemma 2B caches 9 KiB .*multi-query attention/);
    el.remove();
    el = await mount('?kv.model=gpt-5&kv.n=4096');
    expect(el.value.model).toBe(DEFAULT_STATE.model);
    expect(q('[data-notice]').textContent).toMatch(/model/);
  });

  it('is keyboard-operable: the controls in order, the chart table opens with Enter', async () => {
    el = await mount();
    control<HTMLSelectElement>('model').focus();
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(control('n'));
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(control('bytes'));
    const summaryEl = q<HTMLElement>('details.alt summary');
    summaryEl.focus();
    await userEvent.keyboard('{Enter}');
    expect(q<HTMLDetailsElement>('details.alt').open).toBe(true);
    await userEvent.fill(control('n'), '2048');
    expect(q<HTMLDetailsElement>('details.alt').open).toBe(true); // kept open across redraws
  });

  it('refills in place for a new context or precision, and draws anew for another model', async () => {
    el = await mount();
    const svg = q('[data-chart="kv-read"] svg');
    await userEvent.fill(control('n'), '2048');
    expect(q('[data-chart="kv-read"] svg')).toBe(svg);
    expect([...svg.querySelectorAll('text[data-kv-value]')].map((t) => t.textContent)).toEqual(['5 GiB', '2.5 GiB', '1.25 GiB', '640 MiB', '320 MiB', '160 MiB', '80 MiB']);
    await userEvent.selectOptions(control<HTMLSelectElement>('model'), 'gpt2-small');
    expect(q('[data-chart="kv-read"] svg')).not.toBe(svg);
    expect(el.querySelectorAll('[data-chart="kv-read"] text[data-kv-value]').length).toBe(6); // 12, 6, 4, 3, 2, 1
  });
});
