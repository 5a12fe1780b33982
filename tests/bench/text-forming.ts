// Benchmark of lesson 10's "watch it form" run on the built site: figures, not pass/fail.
//   npx tsx tests/bench/text-forming.ts          (serves dist/; SITE_DIR=… for another folder)
// Presses Train and reports the wall time from the click to the last snapshot drawn, the
// training time the Worker measured (in the status line), where induction formed, and the
// longest gap between frames on the page meanwhile (the page must stay responsive). Aim: ≤ 2 min.
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { serveDir } from '../support/static-server';

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}`, aimSeconds: 120 };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript('globalThis.__name = (f) => f'); // tsx names the functions below with a helper the page lacks
  await page.goto(`${server.url}/lessons/heads-in-real-text/`);
  await page.locator('text-forming').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector<HTMLElement>('text-forming')?.dataset.ready === '1');
  await page.evaluate(() => {
    const w = window as unknown as { gap: number; last: number };
    w.gap = 0;
    w.last = performance.now();
    const tick = () => {
      const now = performance.now();
      w.gap = Math.max(w.gap, now - w.last);
      w.last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.locator('text-forming [data-action="train"]').click();
  await page.waitForFunction(() => document.querySelector<HTMLElement>('text-forming')?.dataset.state === 'done', null, { timeout: 300_000 });
  results.clickToDoneSeconds = Number(((Date.now() - t0) / 1000).toFixed(1));
  results.status = await page.locator('text-forming [data-status]').textContent();
  results.longestFrameGapMs = Number((await page.evaluate(() => (window as unknown as { gap: number }).gap)).toFixed(1));
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
