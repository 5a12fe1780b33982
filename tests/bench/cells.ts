// Benchmark of the runnable cells (issue 12 §6): figures, not pass/fail. Build first, then
//   npx tsx tests/bench/cells.ts          (serves dist/; SITE_DIR for another folder)
// Reports:
// - first-load JS of lesson 1 and what Edit loads on demand (the editor chunk) plus the
//   sandbox worker (sucrase, ml-matrix and the course library), KB raw and gzip -9;
// - Run → widget redrawn with the reader's code, at the widget's default state, in the page
//   (performance.now() at the click → the widget's data-edit-status turning "ok"), for
//   softmaxRows (one call) and scaledDotProductAttention (one call) on lesson 1, and
//   multiHeadAttention on lesson 2 (two calls), mergeAverage on lesson 5 (three calls) and
//   maskedSum on lesson 7 (one call per layer, each on the whole test set); the first run (worker warm-up) apart;
// - an endless loop: from the widget's call to "stopped" (data-edit-status = timeout).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats } from './support';
import { serveDir } from '../support/static-server';
import { onDemandModules, pageJs } from './page-js';

const dir = process.env.SITE_DIR ?? 'dist';
const kb = (files: string[]) => {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.length, kb: Number((raw / 1024).toFixed(1)), gzipKb: Number((gz / 1024).toFixed(1)) };
};

/** Open a lesson, press Edit on cell `name`, and wait for the editor and the widget. */
async function openCell(page: Page, url: string, name: string, tag: string): Promise<void> {
  await page.goto(url);
  await page.locator(tag).scrollIntoViewIfNeeded();
  await page.waitForFunction((t) => (document.querySelector(t) as HTMLElement)?.dataset.ready === '1', tag);
  // a widget that loads a model says so in aria-busy until it is in
  await page.waitForFunction((t) => !document.querySelector(`${t} [data-output][aria-busy]`), tag);
  await page.locator(`figure[data-name="${name}"] [data-action="edit"]`).click();
  await page.locator(`figure[data-name="${name}"] .cm-content`).waitFor();
}

/** Click Run and time, in the page, until the widget's edit status is final. */
function timeRun(page: Page, name: string, tag: string): Promise<{ ms: number; status: string; running: number }> {
  return page.evaluate(([name, tag]) => new Promise((resolve) => {
    const widget = document.querySelector(tag) as HTMLElement;
    const button = document.querySelector<HTMLButtonElement>(`figure[data-name="${name}"] [data-action="run"]`)!;
    let running = NaN;
    let t0 = 0;
    const observer = new MutationObserver(() => {
      const s = widget.dataset.editStatus;
      if (s === 'running' && Number.isNaN(running)) running = performance.now();
      if (s === 'ok' || s === 'error' || s === 'timeout') {
        observer.disconnect();
        resolve({ ms: performance.now() - t0, status: s, running: performance.now() - running });
      }
    });
    observer.observe(widget, { attributes: true, attributeFilter: ['data-edit-status'] });
    t0 = performance.now();
    button.click();
  }), [name, tag] as const);
}

const server = await serveDir(dir);
const browser = await chromium.launch(chromiumLaunchOptions());
const lesson1 = '/lessons/attention-in-one-head/';
const worker = [...new Set(
  [...onDemandModules(lesson1)].flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/sandbox\.worker-[\w-]+\.js/g)].map((m) => `/_astro/${m[0]}`)),
)];
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
  lesson1FirstLoad: pageJs(lesson1),
  onEdit: kb([...onDemandModules(lesson1)]),
  sandboxWorker: kb(worker),
};
try {
  for (const [lesson, name, tag] of [
    [lesson1, 'softmaxRows', 'one-head-attention'],
    [lesson1, 'scaledDotProductAttention', 'one-head-attention'],
    ['/lessons/one-head-or-several/', 'multiHeadAttention', 'one-vs-two-heads'],
    ['/lessons/merging-heads/', 'mergeAverage', 'merge-heads'],
    ['/lessons/are-sixteen-heads-better-than-one/', 'maskedSum', 'head-ablation'],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openCell(page, server.url + lesson, name, tag);
    const first = await timeRun(page, name, tag);
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await timeRun(page, name, tag);
      if (r.status !== 'ok') throw new Error(`${name}: run ended ${r.status}`);
      runs.push(r.ms);
    }
    results[`runToRedraw.${name}`] = { firstRunMs: Number(first.ms.toFixed(1)), ...stats(runs) };
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openCell(page, server.url + lesson1, 'softmaxRows', 'one-head-attention');
  await page.locator('figure[data-name="softmaxRows"] .cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('export function softmaxRows(s: Matrix): Matrix {\n  while (true) {}\n}');
  const loop = await timeRun(page, 'softmaxRows', 'one-head-attention');
  results.endlessLoop = { status: loop.status, callToStoppedMs: Number(loop.running.toFixed(1)), runToStoppedMs: Number(loop.ms.toFixed(1)) };
} finally {
  await browser.close();
  server.close();
}
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/cells.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
