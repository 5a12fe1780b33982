// Benchmark of lesson 9's widgets, <flash-tiles> and <rope-offset>: figures, not pass/fail.
//   npx tsx tests/bench/generating.ts
// Each widget is mounted from its shell on a page served by Vite (so it does not need the
// lesson page), at 1280 px wide with the site's styles. It reports ms from the input event
// (or the Next click) to the redrawn DOM (the synchronous handler), and to style and layout
// done (the work a frame must fit; paint is not included), at the default and largest states.
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { toParams } from '../../src/widgets/common/fields';
import { DEFAULT_STATE as FT_DEFAULT, FIELDS as FT_FIELDS, LARGEST_STATE as FT_LARGEST } from '../../src/widgets/flash-tiles/state';
import { DEFAULT_STATE as RO_DEFAULT, FIELDS as RO_FIELDS, LARGEST_STATE as RO_LARGEST } from '../../src/widgets/rope-offset/state';

/** Mount `tag` from its shell module on the Vite page, with `query` as the URL, and wait until ready. */
async function mount(page: Page, url: string, widget: 'flash-tiles' | 'rope-offset', key: string, query: string): Promise<void> {
  await page.goto(`${url}src/widgets/${widget}/state.ts?${query}`); // any page of the dev server's origin will do
  await page.evaluate(async ({ widget, key }) => {
    // (no named functions in here: tsx would wrap them in a helper the page does not have)
    const paths = ['/src/styles/global.css', `/src/styles/widgets/${widget}.css`, `/src/widgets/${widget}/shell.ts`, `/src/widgets/${widget}/element.ts`];
    const [, , shell, element] = await Promise.all(paths.map((path) => import(/* @vite-ignore */ path)));
    document.body.replaceChildren();
    const main = document.createElement('main');
    main.style.cssText = 'max-width: 58rem; margin: 0 auto; padding: 1rem;';
    const el = document.createElement(widget);
    el.dataset.key = key;
    el.className = 'cell widget wide';
    el.append(shell.renderShell(document, key));
    main.append(el);
    document.body.append(main);
    (widget === 'flash-tiles' ? element.defineFlashTiles : element.defineRopeOffset)();
  }, { widget, key });
  await page.waitForFunction((tag) => (document.querySelector(tag) as HTMLElement)?.dataset.ready === '1', widget);
}

/** Time clicks on a button of the widget: click → DOM, → style and layout. */
async function timeClicks(page: Page, selector: string, count: number): Promise<{ dom: number[]; layout: number[] }> {
  return page.evaluate(async ({ selector, count }) => {
    const dom: number[] = [];
    const layout: number[] = [];
    for (let i = 0; i < count; i++) {
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const button = document.querySelector<HTMLButtonElement>(selector)!;
      const t0 = performance.now();
      button.click();
      dom.push(performance.now() - t0);
      void document.body.offsetHeight;
      layout.push(performance.now() - t0);
    }
    return { dom, layout };
  }, { selector, count });
}

// The dependencies are bundled up front: one found later would make Vite reload the page mid-run.
const server = await createServer({ logLevel: 'silent', configFile: false, server: { port: 0 }, optimizeDeps: { noDiscovery: true, include: ['ml-matrix', '@observablehq/plot'] } });
await server.listen();
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const flash: Record<string, unknown> = {};
  for (const [name, state] of [['default', FT_DEFAULT], ['largest', FT_LARGEST]] as const) {
    await mount(page, url, 'flash-tiles', 'ft', new URLSearchParams(toParams(FT_FIELDS, state, 'ft')).toString());
    // a new seed recomputes the trace and redraws everything
    const seeds = await timeInputs(page, 'flash-tiles', 'seed', Array.from({ length: 40 }, (_, i) => String(100 + i)));
    flash[name] = { state, newSeed: { inputToDom: stats(seeds.dom.slice(5)), inputToStyleAndLayout: stats(seeds.layout.slice(5)) } };
  }
  // stepping: Previous/Next alternately (the trace is reused; the output is redrawn)
  await mount(page, url, 'flash-tiles', 'ft', new URLSearchParams(toParams(FT_FIELDS, { ...FT_LARGEST, step: 4 }, 'ft')).toString());
  const steps = await timeClicks(page, 'flash-tiles [data-step="next"]', 3);
  const back = await timeClicks(page, 'flash-tiles [data-step="prev"]', 3);
  flash.nextPrevAtLargest = { inputToDom: stats([...steps.dom, ...back.dom]), inputToStyleAndLayout: stats([...steps.layout, ...back.layout]) };
  results.flashTiles = flash;

  const rope: Record<string, unknown> = {};
  for (const [name, state] of [['default', RO_DEFAULT], ['largest', RO_LARGEST]] as const) {
    await mount(page, url, 'rope-offset', 'ro', new URLSearchParams(toParams(RO_FIELDS, state, 'ro')).toString());
    const shifts = await timeInputs(page, 'rope-offset', 'shift', Array.from({ length: 40 }, (_, i) => String(state.shift - 100 * (i % 7))));
    rope[name] = { state, shift: { inputToDom: stats(shifts.dom.slice(5)), inputToStyleAndLayout: stats(shifts.layout.slice(5)) } };
  }
  results.ropeOffset = rope;
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
