// Benchmark of lesson 5's widget: figures, not pass/fail. Build first, then
//   npx tsx tests/bench/merge-heads.ts            (serves dist/; SITE_DIR=dist-l5 for another folder)
// It types values into the widget's r box at the default and at the largest state and
// reports ms from the input event to the redrawn DOM (the synchronous handler), and to
// style and layout done (the work a frame must fit; paint is not included). A change of
// d_model redraws the charts anew (slow path); it is reported too.
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { serveDir } from '../support/static-server';
import { DEFAULT_STATE, FIELDS, LARGEST_STATE, type MergeHeadsState } from '../../src/widgets/merge-heads/state';
import { toParams } from '../../src/widgets/common/fields';

const LESSON = '/lessons/merging-heads/';


async function openAt(page: Page, url: string, state: MergeHeadsState): Promise<void> {
  const query = new URLSearchParams(toParams(FIELDS, state, 'mh')).toString();
  await page.goto(`${url}${LESSON}?${query}`);
  await page.waitForFunction(() => (document.querySelector('merge-heads') as HTMLElement)?.dataset.ready === '1');
}

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const rs = Array.from({ length: 45 }, (_, i) => String(-2 + (i % 17) * 0.25));
  for (const [name, state] of [['default', DEFAULT_STATE], ['largest', LARGEST_STATE]] as const) {
    await openAt(page, server.url, state);
    const times = await timeInputs(page, 'merge-heads', 'r', rs);
    const cells = await page.locator('merge-heads rect[data-row]').count();
    const elements = await page.locator('merge-heads *').count();
    results[name] = { state, cells, elements, inputToDom: stats(times.dom.slice(5)), inputToStyleAndLayout: stats(times.layout.slice(5)) };
  }
  // h from 4 to 8 and back keeps d_model, so the charts are refilled in place
  await openAt(page, server.url, DEFAULT_STATE);
  const hTimes = await timeInputs(page, 'merge-heads', 'h', Array.from({ length: 30 }, (_, i) => ['8', '4'][i % 2]));
  results.hChangeInPlace = { inputToDom: stats(hTimes.dom.slice(4)), inputToStyleAndLayout: stats(hTimes.layout.slice(4)) };
  // d_model from 16 to 24 and back changes the heatmaps' shape: drawn anew (slow path)
  await openAt(page, server.url, DEFAULT_STATE);
  const redraw = await timeInputs(page, 'merge-heads', 'dmodel', Array.from({ length: 30 }, (_, i) => ['24', '16'][i % 2]));
  results.dModelChangeFullRedraw = { inputToDom: stats(redraw.dom.slice(4)), inputToStyleAndLayout: stats(redraw.layout.slice(4)) };
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
