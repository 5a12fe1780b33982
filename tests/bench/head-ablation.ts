// Benchmark of lesson 7's widget: figures, not pass/fail. Build first, then
//   npx tsx tests/bench/head-ablation.ts          (serves dist/; SITE_DIR=… for another folder)
// Clicks head switches and reports ms from the click to the redrawn DOM (metrics and
// answers recomputed on all 256 held-out sequences) and to style and layout done:
//   - layer-2 heads (only the last layer's sum, MLP and readout run);
//   - layer-1 heads after the idle warm-up (layer 2's terms are cached for every layer-1 mask);
//   - layer-1 heads on a cold model (no warm-up: the first sight of a layer-1 mask computes layer 2's attention).
// Also the time to load the checkpoint and set up the evaluator, and a full retraining in the Worker.
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats } from './support';
import { serveDir } from '../support/static-server';

const LESSON = '/lessons/are-sixteen-heads-better-than-one/';

async function openLesson(page: Page, url: string, query = ''): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${url}${LESSON}${query}`);
  await page.locator('head-ablation').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const el = document.querySelector('head-ablation');
    return el?.getAttribute('data-ready') === '1' && !el.querySelector('[data-output]')!.hasAttribute('aria-busy');
  });
  return Date.now() - t0;
}

/** Click each switch in `heads` in turn (a frame between clicks); time click → DOM and → layout. */
function timeClicks(page: Page, heads: [number, number][]): Promise<{ dom: number[]; layout: number[] }> {
  return page.evaluate(async (list) => {
    const el = document.querySelector('head-ablation')!;
    const dom: number[] = [];
    const layout: number[] = [];
    for (const [l, h] of list) {
      const b = el.querySelector<HTMLButtonElement>(`button.ab-head[data-layer="${l}"][data-head="${h}"]`)!;
      const t0 = performance.now();
      b.click();
      dom.push(performance.now() - t0);
      void (el as HTMLElement).offsetHeight; // force style and layout
      layout.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return { dom, layout };
  }, heads);
}

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  results.openToLiveMs = await openLesson(page, server.url, '?ab.heads=1111-1111');
  await page.waitForTimeout(3000); // the idle warm-up
  const layer2 = Array.from({ length: 40 }, (_, i) => [1, i % 4] as [number, number]);
  const t2 = await timeClicks(page, layer2);
  results.layer2Toggle = { dom: stats(t2.dom.slice(4)), layout: stats(t2.layout.slice(4)) };
  const layer1 = Array.from({ length: 40 }, (_, i) => [0, i % 4] as [number, number]);
  const t1 = await timeClicks(page, layer1);
  results.layer1ToggleWarm = { dom: stats(t1.dom.slice(4)), layout: stats(t1.layout.slice(4)) };
  // Cold: click layer-1 switches right after the model is in, before the warm-up has run.
  const cold = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openLesson(cold, server.url, '?ab.heads=1111-1111');
  const tc = await timeClicks(cold, [[0, 0], [0, 1], [0, 2], [0, 3]]);
  results.layer1ToggleCold = { dom: tc.dom.map((v) => Number(v.toFixed(1))) };
  // Retraining the default model in the Worker, as the page reports it.
  await page.locator('head-ablation [data-action="retrain"]').click();
  await page.waitForFunction(() => /Trained in/.test(document.querySelector('head-ablation [data-retrain-status]')?.textContent ?? ''), null, { timeout: 120_000 });
  results.retrainStatus = await page.locator('head-ablation [data-retrain-status]').textContent();
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
