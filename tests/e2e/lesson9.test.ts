// Lesson 9 on the built site: the K/V-cache calculator and the cross-attention map react to
// input and bad input and open from a link; the page reads without JavaScript (widgets'
// default pictures, the figure, math, the numbers the code computes), checks its exercises,
// downloads figures and fits a phone. <flash-tiles> and <rope-offset> have their own tests
// (tests/widgets/); here they must simply start on the page without a console error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { builtHtml, checkChoice, download, downloadBytes, launch, openPage, startWidgets, widgetReady } from '../support/site';
import { generatingNumbers } from '../../src/build/figures/generating';

const base = inject('baseUrl');
const LESSON = '/lessons/attention-while-generating/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);

describe('lesson 9 in the built HTML', () => {
  it('quotes the numbers the code computes, shows the figure and every code cell', () => {
    const html = builtHtml(LESSON);
    const num = (id: keyof typeof generatingNumbers) => html.match(new RegExp(`data-number="${id.replace(/\./g, '\\.')}"[^>]*>([^<]+)<`))?.[1];
    expect(num('gen.model.token')).toBe('320 KiB');
    expect(num('gen.model.full')).toBe('1.25 GiB');
    expect(num('gen.model.fullMha')).toBe('10 GiB');
    expect(num('gen.gemma-7b.full')).toBe(generatingNumbers['gen.gemma-7b.full']());
    expect(html).toContain('data-figure="gen-kv-read"');
    for (const source of ['src/attention/variants.ts#kvCacheBytes', 'src/attention/kvCache.ts#decodeStep', 'src/attention/onlineSoftmax.ts#onlineSoftmaxAttention', 'src/attention/rope.ts#applyRope', 'src/attention/multiHead.ts#multiHeadAttention']) {
      expect(html).toContain(`data-source="${source}"`);
    }
  });
});

describe('the widgets on the page', () => {
  it('all four start without a console error', async () => {
    const { page, problems } = await open();
    expect(await startWidgets(page)).toEqual(['kv-cache', 'flash-tiles', 'rope-offset', 'cross-attention']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the calculator recomputes for a model and context, explains bad input, and keeps the last good numbers', async () => {
    const { page, problems } = await open();
    const widget = page.locator('kv-cache');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'kv-cache');
    const summary = widget.locator('.kv-summary');
    await expect(summary.textContent()).resolves.toMatch(/^Llama 2 70B caches 320 KiB .* 1\.25 GiB/);
    await widget.locator('select[name="model"]').selectOption('gemma-2b');
    await expect(widget.locator('input[name="n"]').inputValue()).resolves.toBe('8192');
    await expect(summary.textContent()).resolves.toMatch(/^Gemma 2B caches 18 KiB .* At n = 8,192 that is 144 MiB/);
    const before = await widget.locator('[data-output]').innerHTML();
    await widget.locator('input[name="n"]').fill('0');
    await expect(widget.locator('[data-error-for="n"]').textContent()).resolves.toMatch(/out of range: use 1 to 1048576/);
    await expect(widget.locator('[data-output]').innerHTML()).resolves.toBe(before);
    await widget.locator('input[name="n"]').press('Enter'); // must not submit or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link reopens the calculator and the cross-attention map in their states', async () => {
    const { page, problems } = await open(`${LESSON}?kv.model=llama3-70b&kv.n=131072&kv.bytes=2&xa.queries=der+Hund&xa.keys=the+dog+barks+loudly&xa.head=2&xa.seed=3`);
    await widgetReady(page, 'kv-cache');
    await expect(page.locator('kv-cache .kv-summary').textContent()).resolves.toMatch(/^Llama 3 70B caches 320 KiB .* At n = 131,072 that is 40 GiB/);
    await page.locator('cross-attention').scrollIntoViewIfNeeded();
    await widgetReady(page, 'cross-attention');
    expect(await page.locator('cross-attention [data-map="cross"] rect[data-row]').count()).toBe(2 * 4);
    await expect(page.locator('cross-attention .figure-title').textContent()).resolves.toBe('Head 2: attention weights, 2 queries × 4 keys');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the cross-attention map: typed text is never markup, a bad sentence keeps the map', async () => {
    const { page, problems } = await open();
    const widget = page.locator('cross-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'cross-attention');
    const before = await widget.locator('[data-map="cross"]').innerHTML();
    await widget.locator('input[name="keys"]').fill('<img src=x onerror="document.title=1">');
    await expect(widget.locator('[data-error-for="keys"]').textContent()).resolves.toMatch(/markup is shown as text/);
    await expect(widget.locator('[data-map="cross"]').innerHTML()).resolves.toBe(before);
    expect(await page.locator('cross-attention img').count()).toBe(0);
    expect(await page.title()).not.toBe('1');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the page', () => {
  it('reads without JavaScript: the widgets’ default pictures, the figure, math and numbers', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    await expect(page.locator('kv-cache .kv-summary').textContent()).resolves.toMatch(/Llama 2 70B caches 320 KiB/);
    expect(await page.locator('kv-cache [data-chart="kv-read"] svg[role="img"]').count()).toBe(1);
    expect(await page.locator('cross-attention [data-map="cross"] rect[data-row]').count()).toBe(4 * 6);
    expect(await page.locator('figure[data-figure="gen-kv-read"] svg:not(.figure-phone svg)').count()).toBe(1);
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(20);
    await page.context().close();
  });

  it('checks the exercises', async () => {
    const { page, problems } = await open();
    for (const [id, typed, verdict] of [['l9-kv-token', '327,680', /Correct/], ['l9-gemma-context', '3.5', /Correct/], ['l9-online', '1.1536', /Correct/], ['l9-gqa-ratio', '64', /Not quite/]] as const) {
      const ex = page.locator(`#${id}`);
      await ex.locator('input[name="answer"]').fill(typed);
      await ex.locator('button[type="submit"]').click();
      await expect(ex.locator('.feedback').textContent(), id).resolves.toMatch(verdict);
    }
    for (const [id, correct] of [['l9-decode-mask', 0], ['l9-rope-v', 1]] as const) await checkChoice(page, id, correct);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the calculator’s chart downloads as SVG and PNG', async () => {
    const { page, problems } = await open();
    await page.locator('kv-cache').scrollIntoViewIfNeeded();
    await widgetReady(page, 'kv-cache');
    const svg = await download(page, page.locator('kv-cache [data-chart="kv-read"] [data-download="svg"]'));
    expect(svg.suggestedFilename()).toBe('kv-read-llama2-70b-4096.svg');
    expect((await downloadBytes(svg)).toString('utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const png = await download(page, page.locator('cross-attention [data-map="cross"] [data-download="png"]'));
    expect((await downloadBytes(png)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling, widgets included', async () => {
    const { page, problems } = await open(LESSON, { viewport: { width: 375, height: 800 } });
    await startWidgets(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
