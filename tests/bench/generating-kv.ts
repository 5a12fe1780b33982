// Benchmark of lesson 9's <kv-cache> and <cross-attention>: figures, not pass/fail.
//   npx tsx tests/bench/generating-kv.ts
// Each widget is mounted from its shell on a page served by Vite (so it does not need the
// lesson page), at 1280 px wide with the site's styles. It reports ms from the input event
// (or the Next click) to the redrawn DOM (the synchronous handler), and to style and layout
// done (the work a frame must fit; paint is not included), at the default and largest states.
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { toParams } from '../../src/widgets/common/fields';
import { DEFAULT_STATE as KV_DEFAULT, FIELDS as KV_FIELDS, LARGEST_STATE as KV_LARGEST } from '../../src/widgets/kv-cache/state';
import { DEFAULT_STATE as XA_DEFAULT, FIELDS as XA_FIELDS, LARGEST_STATE as XA_LARGEST } from '../../src/widgets/cross-attention/state';

/** Mount `tag` from its shell module on the Vite page, with `query` as the URL, and wait until ready. */
async function mount(page: Page, url: string, widget: 'kv-cache' | 'cross-attention', key: string, query: string): Promise<void> {
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
    (widget === 'kv-cache' ? element.defineKvCache : element.defineCrossAttention)();
  }, { widget, key });
  await page.waitForFunction((tag) => (document.querySelector(tag) as HTMLElement)?.dataset.ready === '1', widget);
}

// The dependencies are bundled up front: one found later would make Vite reload the page mid-run.
const server = await createServer({ logLevel: 'silent', configFile: false, server: { port: 0 }, optimizeDeps: { noDiscovery: true, include: ['ml-matrix', '@observablehq/plot'] } });
await server.listen();
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const kv: Record<string, unknown> = {};
  for (const [name, state] of [['default', KV_DEFAULT], ['largest', KV_LARGEST]] as const) {
    await mount(page, url, 'kv-cache', 'kv', new URLSearchParams(toParams(KV_FIELDS, state, 'kv')).toString());
    // typing a context length: the numbers change, the bars keep their lengths (refilled in place)
    const ns = await timeInputs(page, 'kv-cache', 'n', Array.from({ length: 40 }, (_, i) => String(state.n - 7 * i)));
    kv[name] = { state, typeN: { inputToDom: stats(ns.dom.slice(5)), inputToStyleAndLayout: stats(ns.layout.slice(5)) } };
  }
  results.kvCache = kv;
  const cross: Record<string, unknown> = {};
  for (const [name, state] of [['default', XA_DEFAULT], ['largest', XA_LARGEST]] as const) {
    await mount(page, url, 'cross-attention', 'xa', new URLSearchParams(toParams(XA_FIELDS, state, 'xa')).toString());
    // a new seed: new weights, the same layout (the map refilled in place)
    const seeds = await timeInputs(page, 'cross-attention', 'seed', Array.from({ length: 40 }, (_, i) => String(100 + i)));
    cross[name] = { state, newSeed: { inputToDom: stats(seeds.dom.slice(5)), inputToStyleAndLayout: stats(seeds.layout.slice(5)) } };
  }
  results.crossAttention = cross;
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
