// Benchmark of lesson 8's widget: figures, not pass/fail. Build first, then
//   npx tsx tests/bench/head-maps.ts            (serves dist/; SITE_DIR=dist-l8 for another folder)
// Types token sequences into the widget at the default state and at the largest (8 tokens,
// the most the model takes; the grid of 8 small maps is always shown) and reports ms from
// the input event to the redrawn DOM, and to style and layout done (the work a frame must
// fit; paint is not included). Also: choosing a head in the grid, a change of length (the
// maps are drawn anew: slow path), and the one-off load + held-out scoring when the widget starts.
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { serveDir } from '../support/static-server';
import { DEFAULT_STATE, FIELDS, LARGEST_STATE, type HeadMapsState } from '../../src/widgets/head-maps/state';
import { toParams } from '../../src/widgets/common/fields';

const LESSON = '/lessons/what-heads-look-at/';

/** Open the lesson in `state`; returns ms from navigation to the model loaded and the held-out set scored. */
async function openAt(page: Page, url: string, state: HeadMapsState): Promise<number> {
  const query = new URLSearchParams(toParams(FIELDS, state, 'hm')).toString();
  const t0 = Date.now();
  await page.goto(`${url}${LESSON}?${query}`);
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLElement>('head-maps');
    return el?.dataset.ready === '1' && el.querySelector<HTMLElement>('[data-model-status]')?.hidden === true;
  });
  return Date.now() - t0;
}

/** Random sequences of `n` tokens (seeded: the same every run). */
function sequences(n: number, count: number): string[] {
  let s = 7;
  const next = () => ((s = (s * 16807) % 2147483647) % 7);
  return Array.from({ length: count }, () => Array.from({ length: n }, next).join(' '));
}

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [name, state] of [['default', DEFAULT_STATE], ['largest', LARGEST_STATE]] as const) {
    const load = await openAt(page, server.url, state);
    const times = await timeInputs(page, 'head-maps', 'tokens', sequences(state.tokens.length, 45));
    const cells = await page.locator('head-maps rect[data-row]').count();
    const elements = await page.locator('head-maps *').count();
    results[name] = { state, loadAndScoreMs: load, cells, elements, inputToDom: stats(times.dom.slice(5)), inputToStyleAndLayout: stats(times.layout.slice(5)) };
  }
  // Choosing another head in the grid (a click): refilled in place
  await openAt(page, server.url, LARGEST_STATE);
  const pick = await page.evaluate(async () => {
    const el = document.querySelector('head-maps')!;
    const dom: number[] = [];
    const layout: number[] = [];
    const picks = [...el.querySelectorAll<HTMLButtonElement>('.hm-pick')];
    for (let i = 0; i < 40; i++) {
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      picks[i % picks.length].click();
      dom.push(performance.now() - t0);
      void document.body.offsetHeight;
      layout.push(performance.now() - t0);
    }
    return { dom, layout };
  });
  results.gridPickInPlace = { inputToDom: stats(pick.dom.slice(4)), inputToStyleAndLayout: stats(pick.layout.slice(4)) };
  // 8 tokens ↔ 7 tokens changes the maps' shape: drawn anew (slow path)
  const redraw = await timeInputs(page, 'head-maps', 'tokens', Array.from({ length: 30 }, (_, i) => ['6 5 4 3 2 1 0 6', '6 5 4 3 2 1 0'][i % 2]));
  results.lengthChangeFullRedraw = { inputToDom: stats(redraw.dom.slice(4)), inputToStyleAndLayout: stats(redraw.layout.slice(4)) };
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
