// Lesson 9's online-softmax widget in real Chromium (vitest browser mode): stepping through
// the tiles by button and by key, the numbers against the core, bad input, links.
import { describe, expect, it } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/flash-tiles.css';
import { scaledDotProductAttention } from '../../src/attention';
import { defineFlashTiles, type FlashTiles } from '../../src/widgets/flash-tiles/element';
import { flashTilesModel } from '../../src/widgets/flash-tiles/model';
import { renderShell } from '../../src/widgets/flash-tiles/shell';
import { DEFAULT_STATE } from '../../src/widgets/flash-tiles/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: FlashTiles;

const mount = (search = '') => mountWidget<FlashTiles>('flash-tiles', 'ft', renderShell, defineFlashTiles, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const text = (sel: string) => q(sel).textContent ?? '';
/** The numbers of the output table's two rows: partial, exact. */
const outputRows = () => [...el.querySelectorAll('.ft-outputs tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)));

guardWidgetTests(() => el);

describe('<flash-tiles>', () => {
  it('starts at tile 2 of 3, where the running max rises and the sum is rescaled by less than 1', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(text('[data-step-of]')).toBe('tile 2 of 3');
    expect(text('.ft-summary')).toMatch(/beats the running max 0\.054\. So m rises to 2\.040.*= 0\.1372/);
    expect(text('[data-ledger="m"]')).toMatch(/^0\.054 → 2\.040/);
    expect(text('[data-ledger="factor"]')).toMatch(/^exp\(0\.054 − 2\.040\) = 0\.1372/);
    // the widget's numbers are the core's: the factor is exp(m_before − m_after) of the trace
    const model = flashTilesModel(DEFAULT_STATE);
    const step = model.steps[1];
    expect(step.rescale[3]).toBeCloseTo(Math.exp(step.mBefore[3] - step.mAfter[3]), 12);
    expect(Number(/= (\d\.\d+)/.exec(text('[data-ledger="factor"]'))![1])).toBeCloseTo(step.rescale[3], 4);
    // partial ≠ exact before the last tile
    const [partial, exact] = outputRows();
    expect(Math.max(...partial.map((p, c) => Math.abs(p - exact[c])))).toBeGreaterThan(0.1);
    expect(el.querySelectorAll('[data-map="tiles"] svg').length).toBe(1);
  });

  it('Next and ← → Home End step through the tiles; at the last tile the partial output is the exact one', async () => {
    el = await mount();
    const seen: number[] = [];
    el.addEventListener('input', (e) => seen.push((e.target as FlashTiles).value.step));
    const next = q<HTMLButtonElement>('[data-step="next"]');
    next.focus();
    await userEvent.keyboard('{Enter}');
    expect(el.value.step).toBe(3);
    expect(document.activeElement).toBe(next); // the focus stays on the button
    expect(next.getAttribute('aria-disabled')).toBe('true');
    await userEvent.keyboard('{Enter}'); // already at the end: nothing changes, nothing thrown
    expect(el.value.step).toBe(3);
    expect(text('.ft-diff')).toMatch(/After the last tile the partial output is the exact output: largest difference \d\.\de-1[5-7]/);
    const [partial, exact] = outputRows();
    expect(partial).toEqual(exact);
    const reference = scaledDotProductAttention(...(() => { const m = flashTilesModel(DEFAULT_STATE); return [m.q, m.k, m.v] as const; })()).output.getRow(3);
    exact.forEach((x, c) => expect(x).toBeCloseTo(reference[c], 3));
    expect(text('.ft-summary')).toMatch(/does not beat the running max 2\.040: m stays, the rescaling factor is exp\(0\) = 1/);
    await expect.poll(() => new URL(location.href).searchParams.get('ft.step')).toBe('3');

    const chart = q('[data-map="tiles"]');
    chart.focus();
    await userEvent.keyboard('{Home}');
    expect(el.value.step).toBe(1);
    expect(text('.ft-summary')).toMatch(/the first keys seen/);
    expect(text('[data-ledger="factor"]')).toMatch(/^exp\(−∞\) = 0/);
    await userEvent.keyboard('{ArrowRight}');
    expect(el.value.step).toBe(2);
    expect(document.activeElement?.closest('[data-map="tiles"]')).not.toBeNull(); // the redraw keeps the focus on the chart
    await userEvent.keyboard('{End}{ArrowLeft}');
    expect(el.value.step).toBe(2);
    q<HTMLButtonElement>('[data-step="prev"]').click();
    expect(el.value.step).toBe(1);
    expect(seen).toEqual([3, 1, 2, 3, 2, 1]);
  });

  it('a smaller tile size keeps the tile reached when it exists; a larger one moves to the last tile', async () => {
    el = await mount();
    await userEvent.fill(q<HTMLInputElement>('[name="tile"]'), '1');
    expect(el.value).toMatchObject({ tileSize: 1, step: 2 });
    expect(text('[data-step-of]')).toBe('tile 2 of 8');
    await userEvent.fill(q<HTMLInputElement>('[name="tile"]'), '8');
    expect(el.value).toMatchObject({ tileSize: 8, step: 1 });
    expect(text('[data-step-of]')).toBe('tile 1 of 1');
    expect(text('.ft-diff')).toMatch(/After the last tile/);
    q<HTMLInputElement>('[name="tile"]').focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(el.value.tileSize).toBe(6);
    expect(text('[data-step-of]')).toBe('tile 1 of 2');
  });

  it('causal: a tile wholly in the query\'s future changes nothing, and says so', async () => {
    el = await mount('?ft.tile=2&ft.row=2&ft.step=3&ft.causal=1');
    expect(el.value).toMatchObject({ tileSize: 2, row: 2, step: 3, causal: true });
    expect(text('.ft-summary')).toMatch(/the causal mask hides the whole tile: m, ℓ and the accumulator stay as they were/);
    expect(text('[data-ledger="factor"]')).toMatch(/= 1\.0000/);
    expect(el.querySelectorAll('[data-map="tiles"] text').length).toBeGreaterThan(0);
    expect(q('[data-map="tiles"] svg').textContent).toContain('×');
  });

  it('bad input: a message next to the control, the last good picture kept, typed text never markup', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    const cases: [string, string, RegExp][] = [
      ['tile', '0', /out of range|does not fit/],
      ['tile', '9', /A tile of 9 keys does not fit: there are 8 keys/],
      ['tile', '2.5', /not a whole number/],
      ['tile', '', /Type a tile size/],
      ['seed', '<img src=x onerror=alert(1)>', /not a whole number/],
      ['seed', '-1', /out of range/],
    ];
    for (const [name, typed, message] of cases) {
      await userEvent.fill(q<HTMLInputElement>(`[name="${name}"]`), typed);
      expect(q(`[data-error-for="${name}"]`).textContent, `${name}=${typed}`).toMatch(message);
      expect(q(`[name="${name}"]`).getAttribute('aria-invalid')).toBe('true');
      expect(q('[data-output]').innerHTML).toBe(before);
      expect(el.value).toEqual(DEFAULT_STATE);
      await userEvent.fill(q<HTMLInputElement>(`[name="${name}"]`), String(name === 'tile' ? DEFAULT_STATE.tileSize : DEFAULT_STATE.seed));
      expect(q(`[data-error-for="${name}"]`).textContent).toBe('');
    }
    expect(el.querySelector('[data-output] img, [data-error-for] img')).toBeNull();
  });

  it('opens in the state a link carries; a bad link falls back with a notice', async () => {
    el = await mount('?ft.tile=4&ft.row=7&ft.step=2&ft.seed=12');
    expect(el.value).toEqual({ tileSize: 4, row: 7, step: 2, causal: false, seed: 12 });
    expect(q<HTMLSelectElement>('[name="row"]').value).toBe('7');
    expect(text('[data-step-of]')).toBe('tile 2 of 2');
    el.remove();
    el = await mount('?ft.tile=4&ft.step=3');
    expect(el.value).toEqual({ ...DEFAULT_STATE, tileSize: 4, step: 2 }); // step read after tile: no tile 3, so the link's step is ignored
    expect(q('[data-notice]').textContent).toMatch(/step was ignored \(There is no tile 3: tiles of 4 keys over 8 keys make 2 tiles/);
  });
});
