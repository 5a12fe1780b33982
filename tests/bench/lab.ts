// Benchmarks of the ablation lab (figures, not pass/fail): run with `npx tsx tests/bench/lab.ts`.
//   - Node: ms per training step of the default model; time to train it (300 steps);
//   - Node: ms to evaluate the test set under a head mask (an ablation toggle);
//   - Chromium Worker: time to train the default model, and the whole h sweep.
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { dataset, evaluate, fullMask, labConfig, labTask, LAB_DEFAULTS, train } from '../../src/training';
import { chromiumLaunchOptions } from '../chromium';

const out: Record<string, unknown> = {};
const task = labTask();
const c = labConfig();
const test = dataset(task, LAB_DEFAULTS.test.size, LAB_DEFAULTS.test.seed);

let t0 = performance.now();
const run = train(c, task, { ...LAB_DEFAULTS.train, test, evalEvery: 10_000 });
const trainMs = performance.now() - t0;
out.node = { trainDefaultMs: Math.round(trainMs), msPerStep: Number((trainMs / LAB_DEFAULTS.train.steps).toFixed(2)) };

const mask = fullMask(c);
mask[0][3] = 0;
const times: number[] = [];
for (let i = 0; i < 15; i++) {
  t0 = performance.now();
  evaluate(run.params, c, test, mask);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
(out.node as Record<string, number>).evaluateTestSetMs = Number(times[7].toFixed(2));
(out.node as Record<string, number>).testSetSize = test.length;

// The same in a Worker in Chromium, through Vite so the worker module is bundled as in the site.
const server = await createServer({ logLevel: 'silent', configFile: false, server: { port: 0 } });
await server.listen();
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage();
  await page.goto(`${url}src/workers/client.ts`); // any page of the dev server's origin will do
  out.browserWorker = await page.evaluate(async (settings) => {
    const path = '/src/workers/client.ts'; // served by Vite in the page, not resolved by TypeScript
    const { TrainingJob } = (await import(/* @vite-ignore */ path)) as typeof import('../../src/workers/client');
    const one = await new TrainingJob(settings, () => {}).done;
    const t0 = performance.now();
    for (const h of settings.sweep.hs) await new TrainingJob(settings, () => {}, { h, layers: settings.sweep.layers }).done;
    return { trainDefaultMs: Math.round(one.ms), sweepMs: Math.round(performance.now() - t0) };
  }, LAB_DEFAULTS);
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 2));
