// Lesson 9's cross-attention map in real Chromium (vitest browser mode): a rectangular map
// with labelled rows and columns, bad input kept beside its box, links, refills in place.
// Redraw times are a benchmark (tests/bench/generating-kv.ts), not a pass/fail test.
import { describe, expect, it } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/cross-attention.css';
import { defineCrossAttention, type CrossAttention } from '../../src/widgets/cross-attention/element';
import { renderShell } from '../../src/widgets/cross-attention/shell';
import { DEFAULT_STATE } from '../../src/widgets/cross-attention/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: CrossAttention;

const mount = (search = '') => mountWidget<CrossAttention>('cross-attention', 'xa', renderShell, defineCrossAttention, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const input = (name: string) => q<HTMLInputElement>(`[name="${name}"]`);
const cells = () => el.querySelectorAll('[data-map="cross"] rect[data-row]').length;

guardWidgetTests(() => el);

describe('<cross-attention>', () => {
  it('draws an n_q × n_k map: 4 query rows, 6 key columns by default; longer keys make it wider', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(cells()).toBe(4 * 6);
    expect(q('.xa-shapes').textContent).toMatch(/Q is 4 × 4 .* K and V are 6 × 4 .* the map are 4 × 6/);
    await userEvent.fill(input('keys'), 'the cat sat on the warm mat today');
    expect(cells()).toBe(4 * 8);
    await userEvent.fill(input('queries'), 'le chat');
    expect(cells()).toBe(2 * 8);
    expect(el.querySelectorAll('details.alt tbody tr').length).toBe(2);
    const rows = [...el.querySelectorAll('details.alt tbody tr')].map((tr) => [...tr.querySelectorAll('td')].reduce((s, td) => s + Number(td.textContent), 0));
    for (const sum of rows) expect(sum).toBeCloseTo(1, 2); // each row a softmax over the keys
    await userEvent.selectOptions(q<HTMLSelectElement>('[name="head"]'), '3');
    expect(q('[data-map="cross"] .figure-title').textContent).toMatch(/^Head 3: attention weights, 2 queries × 8 keys/);
  });

  it('bad input: a message beside the box, the map kept, typed text never markup', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    for (const [name, text, message] of [
      ['queries', '', /at least one word/],
      ['keys', 'a b c d e f g h i j k l m', /13 tokens; this widget takes at most 12/],
      ['keys', '<b>x</b>', /markup is shown as text/],
      ['seed', '-1', /out of range/],
    ] as const) {
      await userEvent.fill(input(name), text);
      expect(q(`[data-error-for="${name}"]`).textContent, `${name}=${text}`).toMatch(message);
      expect(q('[data-output]').innerHTML).toBe(before);
      await userEvent.fill(input(name), String(el.value[name]));
    }
    expect(el.querySelector('[data-output] b')).toBeNull();
  });

  it('a link opens it in that state', async () => {
    el = await mount('?xa.queries=der+Hund&xa.keys=the+dog+barks&xa.head=2&xa.seed=5');
    expect(el.value).toEqual({ queries: 'der Hund', keys: 'the dog barks', head: 2, seed: 5 });
    expect(cells()).toBe(2 * 3);
  });

  it('refills the map in place when only the numbers change, and draws anew for another shape', async () => {
    el = await mount();
    const svg = q('[data-map="cross"] svg');
    await userEvent.fill(input('seed'), '12');
    expect(q('[data-map="cross"] svg')).toBe(svg); // same layout: the same element, new colours
    await userEvent.fill(input('keys'), 'the cat sat');
    expect(q('[data-map="cross"] svg')).not.toBe(svg);
    expect(cells()).toBe(4 * 3);
  });
});
