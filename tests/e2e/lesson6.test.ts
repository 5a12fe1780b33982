// Lesson 6 on the built site: the sweep widget opens on the shipped results (and reads
// without JavaScript), trains live in a Worker with progress, cancels cleanly, explains
// bad input, reopens from a link; figures download; the numbers quoted come from the
// data; the decision guide is real text; the page fits a phone.
import { H_GLYPHS } from '../../src/charts/sweep';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { download, downloadBytes, launch, openPage, widgetReady, checkChoice, readyExercise } from '../support/site';
import { labResults } from '../../src/lib/lab';
import { table3a } from '../../src/lib/papers';

const base = inject('baseUrl');
const LESSON = '/lessons/how-many-heads/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);
const ready = async (page: Page) => {
  await page.locator('head-sweep').scrollIntoViewIfNeeded();
  await widgetReady(page, 'head-sweep');
};
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** The shipped run the widget opens on: the lab's main seed, one model per h. */
const seedOne = labResults.sweep.filter((m) => m.seed === labResults.settings.train.seed);
const { seeds, hs } = labResults.settings.sweep;
const accs = (h: number) => seeds.map((seed) => labResults.sweep.find((m) => m.h === h && m.seed === seed)!.accuracy);
const barLabels = (page: Page) =>
  page.locator('head-sweep [data-chart="accuracy"] svg text').evaluateAll((ts) => ts.map((t) => t.textContent ?? '').filter((t) => /^\d+\.\d%$/.test(t)));
const sources = (page: Page) => page.locator('head-sweep .hs-results tbody tr td:last-child').allTextContents();
const notRunning = (page: Page) => page.waitForFunction(() => !document.querySelector('head-sweep')!.hasAttribute('data-running'), null, { timeout: 90_000 });

describe('lesson 6 widget on the page', () => {
  it('opens on the shipped curves and bars, drawn from the data', async () => {
    const { page, problems } = await open();
    await ready(page);
    expect(await barLabels(page)).toEqual(seedOne.map((m) => pct(m.accuracy)));
    // one line per h, each with as many points as the shipped history (the y values are the shipped losses)
    expect(await page.locator('head-sweep [data-chart="loss"] .hs-legend li').allTextContents()).toEqual(seedOne.map((m, i) => `${H_GLYPHS[i]}h = ${m.h}`)); // marker glyph (hidden from screen readers), then h
    await page.locator('head-sweep details.alt summary').click();
    const firstRow = await page.locator('head-sweep details.alt tbody tr').first().locator('td').allTextContents();
    expect(firstRow).toEqual(seedOne.map((m) => m.history[0].test.loss.toFixed(3)));
    expect(await page.locator('head-sweep details.alt tbody tr').count()).toBe(seedOne[0].history.length);
    expect(await sources(page)).toEqual(seedOne.map(() => 'shipped run'));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('another shipped seed from a link shows that seed’s shipped models, with nothing trained', async () => {
    const { page, problems } = await open(`${LESSON}?hs.seed=4`);
    await ready(page);
    const seedFour = labResults.sweep.filter((m) => m.seed === 4);
    expect(await barLabels(page)).toEqual(seedFour.map((m) => pct(m.accuracy)));
    expect(await sources(page)).toEqual(seedFour.map(() => 'shipped run'));
    await expect(page.locator('head-sweep .hs-summary').textContent()).resolves.toMatch(/^Shipped results \(seed 4, 300 steps\)/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a live run shows progress, finishes, and keeps the page responsive', async () => {
    const { page, problems } = await open(`${LESSON}?hs.steps=40&hs.heads=2,8&hs.seed=3`);
    await ready(page);
    await page.locator('head-sweep [data-action="run"]').click();
    const progress = page.locator('head-sweep [data-progress]');
    await expect(progress.isVisible()).resolves.toBe(true);
    await page.waitForFunction(() => /^h = \d+ \(model \d of 2\): step \d+ of 40$/.test(document.querySelector('head-sweep [data-progress-text]')?.textContent ?? ''), null, { timeout: 60_000 });
    await expect(page.locator('head-sweep progress').getAttribute('aria-label')).resolves.toBe('Progress of the sweep');
    // the models train in a Web Worker, so the page's own thread stays free
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/worker.*\.js$/)]);
    await notRunning(page);
    await expect(page.locator('head-sweep [data-status]').textContent()).resolves.toMatch(/^Finished: 2 models trained here in \d+\.\d s\.$/);
    expect(await sources(page)).toEqual(['trained here', 'trained here']);
    expect(await barLabels(page)).toHaveLength(2);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('cancel halfway keeps what finished, with a clear message and no console problem', async () => {
    const { page, problems } = await open(`${LESSON}?hs.steps=150&hs.heads=1,4,16&hs.seed=2`);
    await ready(page);
    await page.locator('head-sweep [data-action="run"]').click();
    await page.waitForFunction(() => /model 2 of 3/.test(document.querySelector('head-sweep [data-progress-text]')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.locator('head-sweep [data-action="cancel"]').click();
    await notRunning(page);
    await expect(page.locator('head-sweep [data-status]').textContent()).resolves.toMatch(/^Cancelled after h = 1 finished and is kept; h = 4 was stopped at step \d+ of 150 and dropped\./);
    expect(await sources(page)).toEqual(['trained here']);
    await expect(page.locator('head-sweep .hs-summary').textContent()).resolves.toMatch(/Not trained yet: h = 4 and h = 16\./);
    await expect(page.locator('head-sweep input[name="seed"]').isEnabled()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('bad input in each control is explained next to it; the picture stays', async () => {
    const { page, problems } = await open();
    await ready(page);
    const widget = page.locator('head-sweep');
    const before = await widget.locator('[data-output]').innerHTML();
    for (const [name, typed, message] of [
      ['heads', '1, 3', /d_model \(16\) is not divisible by h \(3\): the course uses d_k = d_model\/h.*Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\)/],
      ['heads', '64', /more heads than d_model \(16\) has dimensions/],
      ['steps', '100000', /out of range: use 10 to 600/],
      ['seed', '<b>x</b>', /not a whole number/],
    ] as const) {
      await widget.locator(`input[name="${name}"]`).fill(typed);
      await expect(widget.locator(`[data-error-for="${name}"]`).textContent()).resolves.toMatch(message);
      await expect(widget.locator('[data-output]').innerHTML()).resolves.toBe(before);
    }
    expect(await widget.locator('[data-output] b').count()).toBe(0);
    await widget.locator('input[name="seed"]').press('Enter'); // must not submit or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link reopens the widget in its state (round trip through the URL)', async () => {
    const { page, problems } = await open();
    await ready(page);
    const widget = page.locator('head-sweep');
    await widget.locator('input[name="heads"]').fill('16, 4');
    await widget.locator('input[name="steps"]').fill('50');
    await widget.locator('input[name="seed"]').fill('8');
    await expect.poll(() => new URL(page.url()).searchParams.get('hs.seed')).toBe('8'); // written once input pauses
    const url = page.url();
    expect(new URL(url).searchParams.get('hs.heads')).toBe('4, 16');
    const again = await openPage(browser, url);
    await ready(again.page);
    const w2 = again.page.locator('head-sweep');
    await expect(w2.locator('input[name="heads"]').inputValue()).resolves.toBe('4, 16');
    await expect(w2.locator('input[name="steps"]').inputValue()).resolves.toBe('50');
    await expect(w2.locator('input[name="seed"]').inputValue()).resolves.toBe('8');
    await expect(w2.locator('[data-plan]').textContent()).resolves.toMatch(/^Trains 2 models of 50 steps/);
    expect([...problems, ...again.problems]).toEqual([]);
    await again.page.context().close();
    await page.context().close();
  });

  it('reads without JavaScript: the shipped sweep, the figures, the guide', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    expect(await barLabels(page)).toEqual(seedOne.map((m) => pct(m.accuracy)));
    expect(await page.locator('head-sweep [data-chart="loss"] svg').count()).toBe(1);
    expect(await page.locator('head-sweep [data-run]').isVisible()).toBe(false); // no buttons that cannot work
    expect(await page.locator('figure[data-figure="heads-table3a"] svg:not(.figure-phone svg)').count()).toBe(1);
    expect(await page.locator('figure[data-figure="sweep-accuracy-by-h"] svg:not(.figure-phone svg)').count()).toBe(1);
    // The seed figure: the mean of each h written beside its dot, and one ring per model.
    const mean = (h: number) => accs(h).reduce((a, b) => a + b, 0) / seeds.length;
    const figureLabels = await page.locator('figure[data-figure="sweep-accuracy-by-h"] svg:not(.figure-phone svg) text').evaluateAll((ts) => ts.map((t) => t.textContent ?? '').filter((t) => /^\d+\.\d%$/.test(t)));
    expect(figureLabels).toEqual(hs.map((h) => pct(mean(h))));
    expect(await page.locator('figure[data-figure="sweep-accuracy-by-h"] .seed-run circle:not(.figure-phone *)').count()).toBe(seeds.length * hs.length);
    const steps = page.locator('.hs-guide ol.hs-flow > li');
    expect(await steps.count()).toBe(4);
    await expect(steps.nth(3).textContent()).resolves.toMatch(/38 of 48 encoder heads for 0\.15 BLEU/);
    expect(await page.locator('.hs-guide').getAttribute('aria-labelledby')).toBe('hs-guide-title');
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(20);
    await page.context().close();
  });

  it('quotes the numbers the data gives', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    const quoted = (id: string) => page.locator(`[data-number="${id}"]`).first().textContent();
    for (const h of hs) {
      await expect(quoted(`sweep.min.h${h}`)).resolves.toBe(pct(Math.min(...accs(h))));
      await expect(quoted(`sweep.max.h${h}`)).resolves.toBe(pct(Math.max(...accs(h))));
      await expect(quoted(`sweep.mean.h${h}`)).resolves.toBe(pct(accs(h).reduce((a, b) => a + b, 0) / seeds.length));
    }
    await expect(quoted('sweep.seedCount')).resolves.toBe('5');
    await expect(page.locator('main').textContent()).resolves.toMatch(/This is one toy task, trained\s*5\s*times per/);
    await expect(quoted('sweep.paper.bleu.h1')).resolves.toBe(table3a.rows.find((r) => r.h === 1)!.bleu.toFixed(1));
    await expect(quoted('sweep.params.attention')).resolves.toBe((4 * 16 * 16).toLocaleString('en'));
    await page.context().close();
  });
});

describe('exercises, downloads, phone', () => {
  it('checks the answers', async () => {
    const { page, problems } = await open();
    for (const [id, wrong, right] of [['l6-dk', '16', '1'], ['l6-params', '4096', '1024'], ['l6-paper', '0.5', '0.9']] as const) {
      const ex = await readyExercise(page, id);
      await ex.locator('input[name="answer"]').fill(wrong);
      await ex.locator('button[type="submit"]').click();
      await expect(ex.locator('.feedback').textContent()).resolves.toMatch(/Not quite/);
      await ex.locator('input[name="answer"]').fill(right);
      await ex.locator('button[type="submit"]').click();
      await expect(ex.locator('.feedback').textContent()).resolves.toBe('Correct.');
    }
    // "Which h was best at every seed?": none (the last option) when the winners differ.
    const winners = new Set(seeds.map((seed) => hs.reduce((a, b) => (accs(b)[seeds.indexOf(seed)] > accs(a)[seeds.indexOf(seed)] ? b : a))));
    const bestEverywhere = winners.size === 1 ? hs.indexOf([...winners][0]) : hs.length;
    expect(bestEverywhere).toBe(hs.length);
    for (const [id, correct] of [['l6-best', bestEverywhere], ['l6-confound', 1]] as const) await checkChoice(page, id, correct);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the widget charts download as valid SVG and PNG', async () => {
    const { page, problems } = await open();
    await ready(page);
    const svg = await download(page, page.locator('head-sweep [data-chart="loss"] [data-download="svg"]'));
    expect(svg.suggestedFilename()).toBe('sweep-loss-curves.svg');
    const text = (await downloadBytes(svg)).toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toMatch(/h = 16/);
    const png = await download(page, page.locator('head-sweep [data-chart="accuracy"] [data-download="png"]'));
    expect(png.suggestedFilename()).toBe('sweep-accuracy.png');
    expect([...(await downloadBytes(png)).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling, widget and guide included', async () => {
    const { page, problems } = await open(LESSON, { viewport: { width: 375, height: 800 } });
    await ready(page);
    await page.locator('.hs-guide').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
