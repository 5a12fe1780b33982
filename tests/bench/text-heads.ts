// Benchmark of lesson 10's widget on the built site: figures, not pass/fail. Build first, then
//   npx tsx tests/bench/text-heads.ts          (serves dist/; SITE_DIR=… for another folder)
// Reports, on the default text (53 characters) and on a text of the full 64:
//   - openToLiveMs: page open to the widget drawn with the fetched text model;
//   - toggle: ms from a head switch's click to the redrawn DOM (the model run again under the
//     new mask, nine maps refilled, the tables rebuilt), and to style and layout done;
//   - select: a small map clicked (the drawn head changes; the model runs again too);
//   - type: one character changed in the text box (same length) to the redrawn DOM.
// The budget is one frame, 16 ms. Wall times are medians and p95 of 36 clicks after 4 warm-ups.
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { stats } from './support';
import { serveDir } from '../support/static-server';

const LESSON = '/lessons/heads-in-real-text/';
const LONG = 'the cat sat on the mat. the cat sat on the mat. the dog sat too.'; // 64 characters

async function openLesson(page: Page, url: string, query = ''): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${url}${LESSON}${query}`);
  await page.locator('text-heads').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector<HTMLElement>('text-heads [data-output]')?.dataset.model === 'live');
  return Date.now() - t0;
}

type Action = { kind: 'switch' | 'pick'; layer: number; head: number } | { kind: 'type'; text: string };

/** Run each action in turn (a frame between them); time it to the DOM and to layout done. */
function time(page: Page, actions: Action[]): Promise<{ dom: number[]; layout: number[] }> {
  return page.evaluate(async (list) => {
    const el = document.querySelector('text-heads')!;
    const box = el.querySelector<HTMLInputElement>('input[name="text"]')!;
    const dom: number[] = [];
    const layout: number[] = [];
    for (const a of list) {
      const t0 = performance.now();
      if (a.kind === 'type') {
        box.value = a.text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      } else {
        const sel = a.kind === 'switch' ? `button.ab-head[data-layer="${a.layer}"][data-head="${a.head}"]` : `.hm-pick[data-layer="${a.layer + 1}"][data-head="${a.head + 1}"]`;
        el.querySelector<HTMLButtonElement>(sel)!.click();
      }
      dom.push(performance.now() - t0);
      void (el as HTMLElement).offsetHeight; // force style and layout
      layout.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return { dom, layout };
  }, actions);
}

const summary = (r: { dom: number[]; layout: number[] }) => ({ dom: stats(r.dom.slice(4)), layout: stats(r.layout.slice(4)) });
const switches: Action[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'switch', layer: i % 2, head: (i >> 1) % 4 }));
const picks: Action[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'pick', layer: (i >> 2) % 2, head: i % 4 }));
const typing = (text: string): Action[] => Array.from({ length: 40 }, (_, i) => ({ kind: 'type', text: text.slice(0, -1) + 'abcdefgh'[i % 8] }));

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}`, budgetMs: 16 };
try {
  for (const [name, query, text] of [['default53', '', 'the quick brown fox jumps. the quick brown fox jumps.'], ['full64', `?th.text=${encodeURIComponent(LONG)}`, LONG]] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const open = await openLesson(page, server.url, query);
    results[name] = { openToLiveMs: open, toggle: summary(await time(page, switches)), select: summary(await time(page, picks)), type: summary(await time(page, typing(text))) };
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
