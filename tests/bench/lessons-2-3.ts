// Benchmark of lesson 2's and 3's widgets (figures, not pass/fail). Build first, then
//   npx tsx tests/bench/lessons-2-3.ts
// For each widget, at its default and largest state: ms from an input event to the
// redrawn DOM, and to style and layout done.
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { serveDir } from '../support/static-server';
import { stats, timeInputs } from './support';
import { toParams, type Field } from '../../src/widgets/common/fields';
import * as twoHeads from '../../src/widgets/two-heads/state';
import * as split from '../../src/widgets/split-check/state';
import * as shapes from '../../src/widgets/shape-tracker/state';

interface Case<S> { tag: string; key: string; path: string; fields: readonly Field<S>[]; state: S; input: string; values: string[] }

const cases: [string, Case<any>][] = [
  ['one-vs-two-heads default', { tag: 'one-vs-two-heads', key: 'th', path: '/lessons/one-head-or-several/', fields: twoHeads.FIELDS, state: twoHeads.DEFAULT_STATE, input: 'beta', values: Array.from({ length: 40 }, (_, i) => String(1 + (i % 19))) }],
  ['one-vs-two-heads largest', { tag: 'one-vs-two-heads', key: 'th', path: '/lessons/one-head-or-several/', fields: twoHeads.FIELDS, state: twoHeads.LARGEST_STATE, input: 'beta', values: Array.from({ length: 40 }, (_, i) => String(1 + (i % 19))) }],
  ['split-check default', { tag: 'split-check', key: 'sc', path: '/lessons/one-head-or-several/', fields: split.FIELDS, state: split.DEFAULT_STATE, input: 'seed', values: Array.from({ length: 40 }, (_, i) => String(100 + i)) }],
  ['split-check largest', { tag: 'split-check', key: 'sc', path: '/lessons/one-head-or-several/', fields: split.FIELDS, state: split.LARGEST_STATE, input: 'seed', values: Array.from({ length: 40 }, (_, i) => String(100 + i)) }],
  ['shape-tracker default', { tag: 'shape-tracker', key: 'st', path: '/lessons/shapes/', fields: shapes.FIELDS, state: shapes.DEFAULT_STATE, input: 'n', values: Array.from({ length: 40 }, (_, i) => String(256 + i)) }],
  ['shape-tracker largest', { tag: 'shape-tracker', key: 'st', path: '/lessons/shapes/', fields: shapes.FIELDS, state: { B: 1024, n: 131072, dModel: 16384, h: 16 }, input: 'n', values: Array.from({ length: 40 }, (_, i) => String(131072 - i)) }],
];

const server = await serveDir(process.env.SITE_DIR ?? 'dist');
const browser = await chromium.launch(chromiumLaunchOptions());
const out: Record<string, unknown> = { date: new Date().toISOString() };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [name, c] of cases) {
    const query = new URLSearchParams(toParams(c.fields, c.state, c.key)).toString();
    await page.goto(`${server.url}${c.path}?${query}`);
    await page.waitForFunction((tag) => (document.querySelector(tag) as HTMLElement)?.dataset.ready === '1', c.tag);
    const t = await timeInputs(page, c.tag, c.input, c.values);
    out[name] = { inputToDom: stats(t.dom.slice(5)), inputToStyleAndLayout: stats(t.layout.slice(5)) };
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 2));
