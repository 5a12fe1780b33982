// Benchmark of lesson 6's widget: figures, not pass/fail. Build first, then
//   npx tsx tests/bench/head-sweep.ts            (serves dist/; SITE_DIR=dist-l6 for another folder)
// Reports:
//   - input → redrawn DOM, and → style and layout done, when the head counts change (the
//     shipped models are redrawn for them) and when the seed changes (the shipped run is
//     shown as a fallback);
//   - the full sweep of the shipped settings (5 models × 300 steps) in the browser Worker,
//     from the click on "Run the sweep here" to the finished status, with the verdict on
//     reproduction, and how smooth the page stayed meanwhile (longest gap between frames,
//     long tasks on the main thread).
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { serveDir } from '../support/static-server';

const LESSON = '/lessons/how-many-heads/';

async function openWidget(page: Page, url: string, query = ''): Promise<void> {
  await page.goto(`${url}${LESSON}${query}`);
  await page.locator('head-sweep').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => (document.querySelector('head-sweep') as HTMLElement)?.dataset.ready === '1');
}

/** Click Run, wait for the end, and watch the main thread meanwhile. */
async function timeSweep(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const el = document.querySelector('head-sweep')!;
    const gaps: number[] = [];
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    try { observer.observe({ type: 'longtask', buffered: false }); } catch { /* not supported */ }
    let last = performance.now();
    let watching = true;
    const tick = (t: number) => {
      gaps.push(t - last);
      last = t;
      if (watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const t0 = performance.now();
    el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    await new Promise<void>((resolve) => {
      const check = () => (el.hasAttribute('data-running') ? setTimeout(check, 20) : resolve());
      check();
    });
    const ms = performance.now() - t0;
    watching = false;
    observer.disconnect();
    gaps.sort((a, b) => a - b);
    return {
      wallMs: Math.round(ms),
      status: el.querySelector('[data-status]')!.textContent,
      verdict: el.querySelector('.hs-verdict')!.textContent,
      frames: gaps.length,
      frameGapMs: { median: Number(gaps[Math.floor(gaps.length / 2)].toFixed(1)), p99: Number(gaps[Math.floor(gaps.length * 0.99)].toFixed(1)), max: Number(gaps[gaps.length - 1].toFixed(1)) },
      longTasksOver50ms: { count: longTasks.length, maxMs: longTasks.length ? Math.round(Math.max(...longTasks)) : 0 },
    };
  });
}

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript({ content: 'window.__name = (f) => f;' }); // tsx names inner functions with a helper the page lacks
  await openWidget(page, server.url);
  const heads = await timeInputs(page, 'head-sweep', 'heads', Array.from({ length: 40 }, (_, i) => ['1, 2, 4, 8, 16', '1, 16', '4'][i % 3]));
  results.headsChange = { inputToDom: stats(heads.dom.slice(4)), inputToStyleAndLayout: stats(heads.layout.slice(4)) };
  const seeds = await timeInputs(page, 'head-sweep', 'seed', Array.from({ length: 30 }, (_, i) => String(i % 2 ? 1 : 100 + i)));
  results.seedChange = { inputToDom: stats(seeds.dom.slice(4)), inputToStyleAndLayout: stats(seeds.layout.slice(4)) };

  await openWidget(page, server.url); // the shipped settings: 5 models × 300 steps
  results.fullSweepInWorker = await timeSweep(page);
  await openWidget(page, server.url, '?hs.steps=40');
  results.quickSweep40Steps = await timeSweep(page);
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
