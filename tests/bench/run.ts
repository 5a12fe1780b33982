// Benchmarks: figures, not pass/fail. Run with `npm run bench` (builds first).
//   - lesson 1 widget: ms from an input event to the redrawn DOM (synchronous handler),
//     and to style and layout done, at the default and the largest size;
//   - KB of JavaScript each page loads, raw and gzip;
//   - build time (pass --build to measure a fresh `astro build`).
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats, timeInputs } from './support';
import { serveDir } from '../support/static-server';
import { builtPages } from '../support/built';
import { DEFAULT_STATE, LARGEST_STATE, type OneHeadState } from '../../src/widgets/one-head/state';

const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };

if (process.argv.includes('--build')) {
  const t0 = performance.now();
  execSync('npx astro build', { stdio: 'ignore' });
  results.buildSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
}



const server = await serveDir('dist');
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  // 1. widget update time
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const widget: Record<string, unknown> = {};
  for (const [name, state] of [['default', DEFAULT_STATE], ['largest', LARGEST_STATE]] as [string, OneHeadState][]) {
    await page.goto(`${server.url}/lessons/attention-in-one-head/?oh.sentence=${encodeURIComponent(state.sentence)}&oh.dk=${state.dK}`);
    await page.waitForFunction(() => (document.querySelector('one-head-attention') as HTMLElement)?.dataset.ready === '1');
    const times = await timeInputs(page, 'one-head-attention', 'seed', Array.from({ length: 40 }, (_, i) => String(100 + i)));
    const cells = await page.locator('one-head-attention rect[data-row]').count();
    widget[name] = { state, cells, inputToDom: stats(times.dom.slice(5)), inputToStyleAndLayout: stats(times.layout.slice(5)) };
  }
  // a sentence with another number of words: the charts are drawn anew (slow path)
  await page.goto(`${server.url}/lessons/attention-in-one-head/`);
  await page.locator('one-head-attention').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => (document.querySelector('one-head-attention') as HTMLElement)?.dataset.ready === '1');
  const redraw = await timeInputs(page, 'one-head-attention', 'sentence', Array.from({ length: 30 }, (_, i) => [DEFAULT_STATE.sentence, LARGEST_STATE.sentence][i % 2]));
  widget.newSentenceFullRedraw = { inputToDom: stats(redraw.dom.slice(4)), inputToStyleAndLayout: stats(redraw.layout.slice(4)) };

  // keyboard focus move (maps only)
  await page.goto(`${server.url}/lessons/attention-in-one-head/`);
  await page.locator('one-head-attention').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => (document.querySelector('one-head-attention') as HTMLElement)?.dataset.ready === '1');
  const keyTimes = await page.evaluate(() => {
    const map = document.querySelector<HTMLElement>('one-head-attention [data-map="weights"]')!;
    map.focus();
    const out: number[] = [];
    for (let i = 0; i < 40; i++) {
      const target = document.activeElement as HTMLElement;
      const t0 = performance.now();
      target.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
      out.push(performance.now() - t0);
    }
    return out;
  });
  widget.arrowKey = stats(keyTimes.slice(5));
  results.oneHeadWidgetMs = widget;

  // 2. JavaScript per page
  const js: Record<string, { files: number; kb: number; gzipKb: number }> = {};
  for (const path of builtPages().filter((p) => !p.startsWith('/source/') || p.endsWith('/scaledDotProduct/'))) {
    const p = await browser.newPage();
    const files = new Set<string>();
    p.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('.js')) files.add(url.pathname);
    });
    await p.goto(server.url + path, { waitUntil: 'networkidle' });
    await p.evaluate(() => document.querySelectorAll('[data-widget]').forEach((w) => w.scrollIntoView()));
    await p.waitForTimeout(300);
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const bytes = readFileSync(join('dist', f));
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    js[path] = { files: files.size, kb: Number((raw / 1024).toFixed(1)), gzipKb: Number((gz / 1024).toFixed(1)) };
    await p.close();
  }
  results.javascriptPerPage = js;
  const css = readFileSync('dist/mathjax/mathjax.css');
  results.mathjaxCssKb = { raw: Number((css.length / 1024).toFixed(1)), gzip: Number((gzipSync(css).length / 1024).toFixed(1)) };
} finally {
  await browser.close();
  await server.close();
}

mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/latest.json', JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
