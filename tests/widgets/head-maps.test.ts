// Lesson 8's widget in real Chromium (vitest browser mode): typed tokens, layer and head,
// the grid of small maps, bad input kept out with a message beside the control, links,
// and a missing or corrupt checkpoint said in the widget. The checkpoint is served by a
// stubbed fetch at a per-test URL (the page would fetch /lab/checkpoint.json).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/head-maps.css';
import checkpointJson from '../../content/lab/checkpoint.json';
import { defineHeadMaps, type HeadMaps } from '../../src/widgets/head-maps/element';
import { modelFromCheckpoint } from '../../src/widgets/head-maps/model';
import { renderShell } from '../../src/widgets/head-maps/shell';
import { computeHeadMaps, positionRows } from '../../src/widgets/head-maps/render';
import { DEFAULT_STATE } from '../../src/widgets/head-maps/state';
import { heldOutRoles } from '../../src/build/figures/looking';
import { parseCheckpoint } from '../../src/training';
import { guardWidgetTests } from '../support/widget';

const made = modelFromCheckpoint(parseCheckpoint(checkpointJson), heldOutRoles());
if (!made.ok) throw new Error(made.message);
const buildModel = made.model;

let el: HeadMaps;
let served = 0;
let fetchSpy: { mockRestore(): void } | undefined;
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const status = () => q('[data-model-status]');
const output = () => q('[data-output]').innerHTML;
const headMap = (root: ParentNode) => root.querySelector('[data-map="head"] svg[data-heatmap]')!.outerHTML;
/** The large map as HeadMaps.astro builds it, before any script runs. */
const builtMap = () => {
  const holder = document.createElement('div');
  holder.append(renderShell(document, 'hm', buildModel));
  return headMap(holder);
};
const topKey = (row: number) => q(`.hm-positions tbody tr:nth-child(${row + 1}) td:nth-child(3)`).textContent;

/** Answer fetches of the test's checkpoint URL with `body` (a JSON value, or text) and `status`. */
function serve(body: unknown, code = 200): string {
  const url = `/test-checkpoint-${++served}.json`;
  const real = window.fetch.bind(window);
  fetchSpy = vi.spyOn(window, 'fetch').mockImplementation(async (input, init) => {
    if (String(input).endsWith(url)) return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: code });
    return real(input, init);
  });
  return url;
}

/** Put the widget on the page as HeadMaps.astro does, with the checkpoint at `url`. */
async function mount(url: string, search = ''): Promise<HeadMaps> {
  history.replaceState(null, '', `${location.pathname}${search}`);
  el = document.createElement('head-maps') as HeadMaps;
  el.dataset.key = 'hm';
  el.dataset.checkpoint = url;
  el.className = 'cell widget wide';
  el.append(renderShell(document, 'hm', buildModel));
  document.body.append(el);
  defineHeadMaps();
  await vi.waitFor(() => expect(el.dataset.ready).toBe('1'), { timeout: 10_000 });
  return el;
}

const loaded = () => vi.waitFor(() => expect(status().hidden).toBe(true), { timeout: 5000 });

guardWidgetTests(() => el);
afterEach(() => history.replaceState(null, '', location.pathname));

describe('<head-maps>', () => {
  it('loads the model, scores the held-out set, and redraws maps and predictions for typed tokens', async () => {
    el = await mount(serve(checkpointJson));
    await loaded();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(topKey(3)).toBe(positionRows(computeHeadMaps(buildModel, DEFAULT_STATE))[3][2]);
    expect(topKey(3)).toMatch(/^2:4 /); // the previous-token head: query 3 looks at key 2
    await userEvent.fill(q<HTMLInputElement>('[name="tokens"]'), '6 6 6 6 6 6 6 6');
    expect(el.value.tokens).toEqual([6, 6, 6, 6, 6, 6, 6, 6]);
    expect(topKey(3)).toMatch(/^2:6 /);
    expect(q('.hm-positions tbody tr:nth-child(2) td:nth-child(5)').textContent).toBe('0'); // (6 − 6) mod 7
    await expect.poll(() => new URL(location.href).searchParams.get('hm.tokens')).toBe('6 6 6 6 6 6 6 6');
    await userEvent.fill(q<HTMLInputElement>('[name="tokens"]'), '1, 2, 3');
    expect(el.querySelectorAll('[data-map="head"] rect[data-row]').length).toBe(9);
    expect(el.querySelectorAll('.hm-pick rect[data-row]').length).toBe(8 * 9);
    expect(q('.hm-positions tbody tr:nth-child(3) td:nth-child(5)').textContent).toBe('1'); // (2 − 1) mod 7
    expect(q('.hm-roles tbody tr td:nth-child(6)').textContent).not.toBe('…'); // held-out numbers are in
  });

  it('bad input: a message next to the tokens box, the last good picture kept, markup never run', async () => {
    el = await mount(serve(checkpointJson));
    await loaded();
    const before = output();
    const cases: [string, RegExp][] = [
      ['3 9 1', /^9 is not a token: use 0–6/],
      ['', /Type at least 2 tokens/],
      ['4', /at least 2 tokens/],
      ['1 2 3 4 5 6 0 1 2', /At most 8 tokens/],
      ['<img src=x onerror=alert(1)> 1', /is not a token/],
    ];
    for (const [text, message] of cases) {
      await userEvent.fill(q<HTMLInputElement>('[name="tokens"]'), text);
      expect(q('[data-error-for="tokens"]').textContent, text).toMatch(message);
      expect(q('[name="tokens"]').getAttribute('aria-invalid')).toBe('true');
      expect(output()).toBe(before);
      expect(el.value).toEqual(DEFAULT_STATE);
    }
    expect(el.querySelector('img')).toBeNull();
    await userEvent.fill(q<HTMLInputElement>('[name="tokens"]'), '3 1 4 1 5 2 6 0');
    expect(q('[data-error-for="tokens"]').textContent).toBe('');
  });

  it('layer and head from the selects, and from the grid by click, Enter and arrow keys', async () => {
    el = await mount(serve(checkpointJson));
    await loaded();
    await userEvent.selectOptions(q<HTMLSelectElement>('[name="layer"]'), '2');
    expect(el.value).toMatchObject({ layer: 2, head: 4 });
    expect(q('[data-map="head"] .figure-title').textContent).toMatch(/^Layer 2, head 4/);
    expect(q('.hm-pick[aria-pressed="true"]').dataset).toMatchObject({ layer: '2', head: '4' });
    await userEvent.click(q('.hm-pick[data-layer="1"][data-head="2"]'));
    expect(el.value).toMatchObject({ layer: 1, head: 2 });
    expect(q<HTMLSelectElement>('[name="head"]').value).toBe('2');
    q('.hm-pick[data-layer="1"][data-head="2"]').focus();
    await userEvent.keyboard('{ArrowDown}{ArrowRight}');
    expect(document.activeElement).toBe(q('.hm-pick[data-layer="2"][data-head="3"]'));
    await userEvent.keyboard('{Enter}');
    expect(el.value).toMatchObject({ layer: 2, head: 3 });
    expect(document.activeElement).toBe(q('.hm-pick[data-layer="2"][data-head="3"]'));
    await expect.poll(() => new URL(location.href).searchParams.get('hm.head')).toBe('3');
  });

  it('arrow keys read the large map cell by cell', async () => {
    el = await mount(serve(checkpointJson));
    await loaded();
    await userEvent.unhover(q('[data-map="head"]')); // a pointer resting on the map (from an earlier test) would read out the cell under it
    q('[data-map="head"]').focus();
    expect(q('.hm-readout').textContent).toMatch(/^Query 0:3 → key 0:3: weight 1\.000/);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowRight}{ArrowRight}');
    const w = computeHeadMaps(buildModel, DEFAULT_STATE).maps[0][3][3][2];
    expect(w).toBeGreaterThan(0.9);
    expect(q('.hm-readout').textContent).toBe(`Query 3:1 → key 2:4: weight ${w.toFixed(3)}.`);
    await userEvent.keyboard('{End}');
    expect(q('.hm-readout').textContent).toMatch(/^Query 3:1 → key 7:0: weight 0\.000 \(hidden by the causal mask/);
    expect(q('[data-map="head"] g.hm-focus rect').getAttribute('visibility')).toBeNull();
  });

  it('a link reopens the widget in its state once the model is in', async () => {
    el = await mount(serve(checkpointJson), '?hm.tokens=0+1+2&hm.layer=2&hm.head=1');
    await loaded();
    expect(el.value).toEqual({ tokens: [0, 1, 2], layer: 2, head: 1 });
    expect(el.querySelectorAll('[data-map="head"] rect[data-row]').length).toBe(9);
    expect(q('[data-map="head"] .figure-title').textContent).toMatch(/^Layer 2, head 1/);
  });

  it('a missing checkpoint is said in the widget; the built picture stays; “try again” recovers', async () => {
    const url = serve('not here', 404);
    el = await mount(url);
    await vi.waitFor(() => expect(status().textContent).toMatch(/The trained model is missing \(.*answered 404\).*picture shows the default input/), { timeout: 10_000 });
    expect(q<HTMLInputElement>('[name="tokens"]').disabled).toBe(true);
    expect(q<HTMLButtonElement>('.hm-pick').disabled).toBe(true);
    expect(q<HTMLButtonElement>('[data-action="retry-model"]').hidden).toBe(false);
    expect(headMap(el)).toBe(builtMap()); // the picture the build drew
    fetchSpy!.mockRestore(); // only fetch: the console guard stays on for the retry
    el.dataset.checkpoint = serve(checkpointJson);
    await userEvent.click(q('[data-action="retry-model"]'));
    await loaded();
    expect(q<HTMLInputElement>('[name="tokens"]').disabled).toBe(false);
    await userEvent.fill(q<HTMLInputElement>('[name="tokens"]'), '5 4');
    expect(el.querySelectorAll('[data-map="head"] rect[data-row]').length).toBe(4);
  });

  it('a corrupt checkpoint (not JSON, or wrong shapes) is said in the widget, never thrown', async () => {
    el = await mount(serve('{"settings": garbage'));
    await vi.waitFor(() => expect(status().textContent).toMatch(/not valid JSON: the file is corrupt/), { timeout: 10_000 });
    el.remove();
    const wrong = { ...checkpointJson, params: { ...checkpointJson.params, 'layers.0.wq': [[1, 2], [3, 4]] } };
    el = await mount(serve(wrong));
    await vi.waitFor(() => expect(status().textContent).toMatch(/is corrupt: layers\.0\.wq should be 16×16/), { timeout: 10_000 });
    expect(el.querySelectorAll('[data-map="head"] rect[data-row]').length).toBe(64);
    expect(headMap(el)).toBe(builtMap());
  });
});
