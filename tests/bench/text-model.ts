// Benchmark of the text model in a page's budget (figures, not pass/fail): run with
// `npx tsx tests/bench/text-model.ts`. Times, on the shipped checkpoint and a 64-character
// text, in Node and in Chromium (the module served by Vite, as the site bundles it):
//   - forward: one forward pass over the 64 characters;
//   - analyse: analyseText (forward, per-character loss, top-3 guesses, maps, both detectors);
//   - toggle: a head switched off, then analyseText again (what a click costs).
// Wall times are medians (inflated on a shared machine); nodeCpuMsPerCall is CPU time per call.
// Writes tests/bench/results/text-model.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { forward, fullMask } from '../../src/training';
import { analyseText, encode, parseTextCheckpoint, textConfig } from '../../src/training/text';
import { chromiumLaunchOptions } from '../chromium';
import { stats } from './support';

const TEXT = 'the cat sat on the mat. the cat sat on the mat. the dog sat too.'; // 64 characters
if (TEXT.length !== 64) throw new Error(`the benchmark text should have 64 characters, has ${TEXT.length}`);
const json = JSON.parse(readFileSync('content/lab/text/checkpoint.json', 'utf8'));
const RUNS = 60;

const { settings, params } = parseTextCheckpoint(json);
const c = textConfig(settings);
const tokens = encode(TEXT);
const time = (f: () => void) => {
  for (let i = 0; i < 5; i++) f(); // warm up
  return stats(Array.from({ length: RUNS }, () => { const t0 = performance.now(); f(); return performance.now() - t0; }));
};
let k = 0;
const node = {
  forward: time(() => forward(params, c, [tokens])),
  analyse: time(() => analyseText(params, c, TEXT)),
  toggle: time(() => {
    const mask = fullMask(c);
    mask[0][k++ % c.h] = 0;
    analyseText(params, c, TEXT, { mask });
  }),
};

/** Mean CPU time of this process per call (ms): unlike wall time, not inflated by other jobs on a shared machine. */
const cpuMs = (f: () => void) => {
  const u0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) f();
  const u = process.cpuUsage(u0);
  return Number(((u.user + u.system) / 1000 / RUNS).toFixed(2));
};
const nodeCpu = { forward: cpuMs(() => forward(params, c, [tokens])), analyse: cpuMs(() => analyseText(params, c, TEXT)), toggle: cpuMs(() => analyseText(params, c, TEXT, { mask: [[0, 1, 1, 1], [1, 1, 1, 1]] })) };

const server = await createServer({ logLevel: 'silent', configFile: false, server: { port: 0 } });
await server.listen();
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch(chromiumLaunchOptions());
let page: unknown;
try {
  const tab = await browser.newPage();
  await tab.addInitScript('globalThis.__name = (f) => f'); // tsx names the functions below with a helper the page lacks
  await tab.goto(`${url}src/training/text/index.ts`); // any page of the dev server's origin will do
  page = await tab.evaluate(async ({ json, text, runs }) => {
    const lib = '/src/training/text/index.ts';
    const core = '/src/training/index.ts'; // served by Vite in the page, not resolved by TypeScript
    const t = (await import(/* @vite-ignore */ lib)) as typeof import('../../src/training/text');
    const m = (await import(/* @vite-ignore */ core)) as typeof import('../../src/training');
    const { settings, params } = t.parseTextCheckpoint(json);
    const c = t.textConfig(settings);
    const tokens = t.encode(text);
    const time = (f: () => void) => {
      for (let i = 0; i < 5; i++) f();
      return Array.from({ length: runs }, () => { const t0 = performance.now(); f(); return performance.now() - t0; });
    };
    let k = 0;
    return {
      forward: time(() => m.forward(params, c, [tokens])),
      analyse: time(() => t.analyseText(params, c, text)),
      toggle: time(() => {
        const mask = Array.from({ length: c.layers }, () => new Array<number>(c.h).fill(1));
        mask[0][k++ % c.h] = 0;
        t.analyseText(params, c, text, { mask });
      }),
    };
  }, { json, text: TEXT, runs: RUNS });
} finally {
  await browser.close();
  await server.close();
}
const p = page as Record<'forward' | 'analyse' | 'toggle', number[]>;
const out = {
  text: TEXT,
  model: settings.model,
  node,
  nodeCpuMsPerCall: nodeCpu,
  chromium: { forward: stats(p.forward), analyse: stats(p.analyse), toggle: stats(p.toggle) },
  budgetMs: 16,
};
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/text-model.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
