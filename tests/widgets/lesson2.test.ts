// Lesson 2's widgets in Chromium: input, bad input, links.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import { defineTwoHeads, type TwoHeadsElement } from '../../src/widgets/two-heads/element';
import { renderTwoHeadsShell } from '../../src/widgets/two-heads/shell';
import { defineSplitCheck, type SplitCheckElement } from '../../src/widgets/split-check/element';
import { renderSplitShell } from '../../src/widgets/split-check/shell';
import { mountWidget, watchConsole } from '../support/widget';

let problems: string[];
let mounted: HTMLElement[] = [];
beforeEach(() => {
  problems = watchConsole();
});
afterEach(() => {
  mounted.forEach((m) => m.remove());
  mounted = [];
  vi.restoreAllMocks();
  expect(problems).toEqual([]);
});

async function mount<T extends HTMLElement>(tag: string, key: string, shell: (d: Document, k: string) => DocumentFragment, define: () => void, search = ''): Promise<T> {
  const el = await mountWidget<T>(tag, key, shell, define, search);
  mounted.push(el);
  return el;
}

describe('<one-vs-two-heads>', () => {
  it('redraws for a new sequence and β, and keeps the last good picture on bad input', async () => {
    const el = await mount<TwoHeadsElement>('one-vs-two-heads', 'th', renderTwoHeadsShell, defineTwoHeads);
    const seq = el.querySelector<HTMLInputElement>('[name="sequence"]')!;
    await userEvent.fill(seq, 'a b c a');
    expect(el.querySelectorAll('[data-map="h1"] rect[data-row]').length).toBe(16);
    const beta = el.querySelector<HTMLInputElement>('[name="beta"]')!;
    await userEvent.fill(beta, '0');
    expect(el.querySelector('.widget-summary')!.textContent).toMatch(/two heads 0\.[1-9]/);
    const before = el.querySelector('[data-output]')!.innerHTML;
    for (const [input, text, message] of [[seq, 'a b x', /“x” is not one/], [seq, '', /Type 2 to 10/], [beta, 'lots', /not a number/], [beta, '99', /out of range/]] as const) {
      await userEvent.fill(input, text);
      expect(el.querySelector(`[data-error-for="${input.name}"]`)!.textContent).toMatch(message);
      expect(el.querySelector('[data-output]')!.innerHTML).toBe(before);
    }
    await userEvent.fill(beta, '12');
    expect(el.value).toEqual({ sequence: 'a b c a', beta: 0 }); // the sequence box is still empty
    await userEvent.fill(seq, 'a b c a');
    expect(el.value).toEqual({ sequence: 'a b c a', beta: 12 });
  });
});

describe('<split-check>', () => {
  it('names the nearest valid h next to the control and keeps the picture', async () => {
    const el = await mount<SplitCheckElement>('split-check', 'sc', renderSplitShell, defineSplitCheck);
    const h = el.querySelector<HTMLInputElement>('[name="h"]')!;
    await userEvent.fill(h, '5');
    expect(el.querySelector('[data-error-for="h"]')!.textContent).toBe('d_model (12) is not divisible by h (5): the course uses d_k = d_model/h, so h must divide d_model. Nearest valid h: 4 (d_k = 3) or 6 (d_k = 2).');
    expect(h.getAttribute('aria-invalid')).toBe('true');
    expect(el.value.h).toBe(3);
    await userEvent.fill(h, '6');
    expect(el.querySelectorAll('table.split-table tbody tr').length).toBe(6);
    await userEvent.selectOptions(el.querySelector<HTMLSelectElement>('[name="dmodel"]')!, '16');
    // 16 is not divisible by 6: the message sits by h, the state stays
    expect(el.querySelector('[data-error-for="h"]')!.textContent).toMatch(/d_model \(16\) is not divisible by h \(6\): the course uses.*Nearest valid h: 4 \(d_k = 4\) or 8 \(d_k = 2\)/);
    expect(el.value.dModel).toBe(12);
    await userEvent.fill(h, '8');
    await userEvent.selectOptions(el.querySelector<HTMLSelectElement>('[name="dmodel"]')!, '16');
    expect(el.value).toMatchObject({ dModel: 16, h: 8 });
    expect(el.querySelector('[data-error-for="h"]')!.textContent).toBe('');
  });
  it('opens from a link', async () => {
    const el = await mount<SplitCheckElement>('split-check', 'sc', renderSplitShell, defineSplitCheck, '?sc.dmodel=24&sc.h=8&sc.seed=9');
    expect(el.value).toEqual({ dModel: 24, h: 8, seed: 9 });
    expect(el.querySelector<HTMLInputElement>('[name="h"]')!.value).toBe('8');
  });
});
