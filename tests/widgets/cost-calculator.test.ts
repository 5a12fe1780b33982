// Lesson 4's calculator in real Chromium (vitest browser mode): input, bad input, the
// d_model/h pair, the model picker, links, keyboard.
import { describe, expect, it } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/cost-calculator.css';
import { defineCostCalculator, type CostCalculator } from '../../src/widgets/cost-calculator/element';
import { renderShell } from '../../src/widgets/cost-calculator/shell';
import { DEFAULT_STATE } from '../../src/widgets/cost-calculator/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: CostCalculator;

const mount = (search = '') => mountWidget<CostCalculator>('cost-calculator', 'cc', renderShell, defineCostCalculator, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const input = (name: string) => q<HTMLInputElement>(`[name="${name}"]`);
const error = (name: string) => q(`[data-error-for="${name}"]`).textContent;
const summary = () => q('.cc-summary').textContent;

guardWidgetTests(() => el);

describe('<cost-calculator>', () => {
  it('starts from the default state and recounts as d_model, n and the biases change', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(summary()).toContain('One layer: 1,050,624 parameters; 6 layers: 6,303,744');
    const seen: unknown[] = [];
    el.addEventListener('input', (e) => seen.push((e.target as CostCalculator).value));
    await userEvent.fill(input('dmodel'), '768');
    expect(summary()).toContain('One layer: 2,362,368 parameters');
    expect(seen.at(-1)).toMatchObject({ dModel: 768 });
    await expect.poll(() => new URL(location.href).searchParams.get('cc.dmodel')).toBe('768');
    await userEvent.click(input('bias'));
    expect(summary()).toContain('One layer: 2,359,296 parameters');
    await userEvent.fill(input('n'), '4096');
    expect(q('[data-part="cost"]').textContent).toMatch(/At n = 4,096, the attention term dominates/);
    expect(q('[data-chart="flops"] svg').getAttribute('aria-label')).toMatch(/n = 4096 is marked/);
  });

  it('bad input: a message next to the control, the last good numbers kept', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    for (const [name, text, message] of [
      ['dmodel', 'abc', /not a whole number/],
      ['dmodel', '0', /out of range: use 1 to 16384/],
      ['dmodel', '-8', /out of range/],
      ['dmodel', '1e9', /not a whole number/],
      ['dmodel', '99999999', /out of range/],
      ['n', '100000', /out of range: use 1 to 65536/],
      ['layers', '', /Type a number of layers/],
      ['h', '<img src=x onerror=alert(1)>', /is not a whole number/],
    ] as const) {
      await userEvent.fill(input(name), text);
      expect(error(name), `${name}=${text}`).toMatch(message);
      expect(input(name).getAttribute('aria-invalid')).toBe('true');
      expect(q('[data-output]').innerHTML).toBe(before);
      await userEvent.fill(input(name), String(el.value[name === 'dmodel' ? 'dModel' : (name as 'n' | 'h' | 'layers')]));
      expect(error(name)).toBe('');
    }
    expect(el.querySelector('img')).toBeNull();
  });

  it('h that does not divide d_model names the nearest valid h; fixing either one is enough', async () => {
    el = await mount();
    await userEvent.fill(input('h'), '7');
    expect(error('h')).toMatch(/d_model \(512\) is not divisible by h \(7\): the course uses d_k = d_model\/h, so h must divide d_model\. Nearest valid h: 4 \(d_k = 128\) or 8 \(d_k = 64\)/);
    expect(el.value.h).toBe(8);
    await userEvent.fill(input('dmodel'), '511'); // 7 × 73
    expect(error('h')).toBe('');
    expect(error('dmodel')).toBe('');
    expect(el.value).toMatchObject({ dModel: 511, h: 7 });
    expect(summary()).toContain(`One layer: ${(4 * 511 * 511 + 4 * 511).toLocaleString('en-US')} parameters`);
    // the other way round: a d_model that h does not divide, then a new h
    await userEvent.fill(input('dmodel'), '500');
    expect(error('dmodel')).toMatch(/d_model \(500\) is not divisible by h \(7\)/);
    expect(error('h')).toBe('');
    await userEvent.fill(input('h'), '10');
    expect(el.value).toMatchObject({ dModel: 500, h: 10 });
    expect(error('dmodel')).toBe('');
    expect(input('dmodel').getAttribute('aria-invalid')).toBe('false');
  });

  it('at d_model ≤ 64 it instantiates the weights and counts them; above, it says why not', async () => {
    el = await mount();
    expect(q('[data-check]').dataset.check).toBe('skipped');
    expect(q('[data-check]').textContent).toMatch(/skipped.*Set d_model to 64 or less/);
    await userEvent.fill(input('dmodel'), '64');
    expect(q('[data-check]').dataset.check).toBe('agree');
    expect(q('[data-check]').textContent).toMatch(/countParameters counted 16,640.*8 × 2,048 \+ 256 biases.*formula gives 16,640: they agree/);
    await userEvent.fill(input('h'), '1');
    expect(q('[data-check]').textContent).toMatch(/1 × 16,384 \+ 256 biases/);
    expect(summary()).toContain('One layer: 16,640 parameters');
  });

  it('loading a model fills the controls; typing a size makes it your own', async () => {
    el = await mount();
    const picker = q<HTMLSelectElement>('[name="model"]');
    await userEvent.selectOptions(picker, 'bert-base');
    expect(el.value).toMatchObject({ model: 'bert-base', dModel: 768, h: 12, layers: 12, n: 128 });
    expect([input('dmodel').value, input('h').value, input('layers').value, input('n').value]).toEqual(['768', '12', '12', '128']);
    expect(cellsOf('Parameters of one layer').at(-2)).toEqual(['one layer', '4 · 768² + 4 · 768', '2,362,368']);
    await userEvent.selectOptions(picker, 'gpt2-small');
    expect(input('n').value).toBe('1024');
    expect(el.value.n).toBe(1024);
    await userEvent.fill(input('n'), '2048');
    expect(el.value.model).toBe('gpt2-small'); // the input length is not part of the model
    await userEvent.fill(input('h'), '6');
    expect(el.value).toMatchObject({ model: 'custom', dModel: 768, h: 6 });
    expect(picker.value).toBe('custom');
    // a box still wrong elsewhere keeps its message, and the picked model waits for it
    await userEvent.fill(input('layers'), 'many');
    await userEvent.selectOptions(picker, 'bert-large');
    expect(error('layers')).toBe('');
    expect(el.value).toMatchObject({ model: 'bert-large', dModel: 1024, h: 16, layers: 24 });
    await userEvent.fill(input('n'), 'oops');
    await userEvent.selectOptions(picker, 'bert-base');
    expect(error('n')).toMatch(/not a whole number/);
    expect(el.value.model).toBe('bert-large');
    await userEvent.fill(input('n'), '512');
    expect(el.value).toMatchObject({ model: 'bert-base', dModel: 768, n: 512 });
  });

  it('opens in the state a link carries, and falls back with a notice on a bad link', async () => {
    el = await mount('?cc.model=custom&cc.dmodel=1024&cc.h=16&cc.n=2048&cc.layers=24&cc.bias=0&cc.bytes=4');
    expect(el.value).toEqual({ model: 'custom', dModel: 1024, h: 16, n: 2048, layers: 24, bias: false, bytes: 4 });
    expect(summary()).toContain('One layer: 4,194,304 parameters');
    expect(el.querySelectorAll('table.cc-kv tbody tr').length).toBe(5);
    el.remove();
    el = await mount('?cc.dmodel=100&cc.h=7');
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(q('[data-notice]').textContent).toMatch(/did not fit together \(d_model \(100\) is not divisible by h \(7\)/);
  });

  it('is keyboard-operable: Tab reaches every control, arrow keys change a select, Reset restores', async () => {
    el = await mount();
    await userEvent.fill(input('dmodel'), '128');
    q<HTMLSelectElement>('[name="model"]').focus();
    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      order.push((document.activeElement as HTMLInputElement).name || (document.activeElement as HTMLElement).dataset.action || '?');
      await userEvent.tab();
    }
    expect(order).toEqual(['model', 'dmodel', 'h', 'n', 'layers', 'bias', 'bytes', 'reset']);
    q<HTMLSelectElement>('[name="bytes"]').focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(el.value.bytes).toBe(1);
    q('[data-action="reset"]').focus();
    await userEvent.keyboard('{Enter}');
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(input('dmodel').value).toBe('512');
  });

  it('keeps the chart’s table open across redraws', async () => {
    el = await mount();
    const details = () => q<HTMLDetailsElement>('details.alt');
    details().open = true;
    await userEvent.fill(input('n'), '256');
    expect(details().open).toBe(true);
    expect(details().querySelector('tbody')!.textContent).toContain('256');
  });
});

function cellsOf(caption: string): string[][] {
  const table = [...el.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === caption)!;
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}
