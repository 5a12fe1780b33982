// Benchmark of lesson 4's calculator: ms from an input event to the redrawn DOM, and to
// style and layout done, at the default state, at the largest state (most K/V rows, the
// widest chart) and at the largest state that instantiates weights. Figures, not a test.
// Run after a build: `npx tsx tests/bench/cost-calculator.ts [siteDir]` (default dist).
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { serveDir } from '../support/static-server';
import { FIELDS, DEFAULT_STATE, LARGEST_INSTANTIATED, LARGEST_STATE, type CostState } from '../../src/widgets/cost-calculator/state';
import { toParams } from '../../src/widgets/common/fields';

const dir = process.argv[2] ?? 'dist';
const LESSON = '/lessons/counting-parameters-and-cost/';



const server = await serveDir(dir);
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [label, state] of [['default', DEFAULT_STATE], ['largest', LARGEST_STATE], ['largestInstantiated', LARGEST_INSTANTIATED]] as [string, CostState][]) {
    const query = new URLSearchParams(toParams(FIELDS, state, 'cc'));
    await page.goto(`${server.url}${LESSON}?${query}`);
    await page.waitForFunction(() => (document.querySelector('cost-calculator') as HTMLElement)?.dataset.ready === '1');
    // alternate n between two values of the state's size: every update recounts and redraws everything
    const values = Array.from({ length: 40 }, (_, i) => String(i % 2 ? state.n : state.n - 1));
    const times = await timeInputs(page, 'cost-calculator', 'n', values);
    const elements = await page.locator('cost-calculator [data-output] *').count();
    results[label] = { state, elements, inputToDom: stats(times.dom.slice(5)), inputToStyleAndLayout: stats(times.layout.slice(5)) };
  }
  // a new model: d_model, h and layers change at once
  await page.goto(`${server.url}${LESSON}`);
  await page.locator('cost-calculator').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => (document.querySelector('cost-calculator') as HTMLElement)?.dataset.ready === '1');
  const picks = await page.evaluate(async () => {
    const select = document.querySelector<HTMLSelectElement>('cost-calculator [name="model"]')!;
    const out: number[] = [];
    for (let i = 0; i < 30; i++) {
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      select.value = select.options[1 + (i % (select.options.length - 1))].value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      void document.body.offsetHeight;
      out.push(performance.now() - t0);
    }
    return out;
  });
  results.pickModelToStyleAndLayout = stats(picks.slice(5));
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
