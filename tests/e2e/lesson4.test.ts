// Lesson 4 on the built site: the computed numbers are in the HTML, the calculator reacts to
// input and bad input, reads without JavaScript, exercises are checked, figures download.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { builtHtml, download, launch, openPage, widgetReady, readyExercise } from '../support/site';

const base = inject('baseUrl');
const LESSON = '/lessons/counting-parameters-and-cost/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);
const ready = (page: Page) => widgetReady(page, 'cost-calculator');

describe('lesson 4 in the built HTML', () => {
  it('states the counts the code computes: 512 → 1,048,576 (1,050,624 with biases), BERT-base 2,359,296 per layer', () => {
    const html = builtHtml(LESSON);
    const num = (id: string) => html.match(new RegExp(`data-number="${id.replace(/\./g, '\\.')}"[^>]*>([^<]+)<`))?.[1];
    expect(num('costs.params.512')).toBe('1,048,576');
    expect(num('costs.paramsBias.512')).toBe('1,050,624');
    expect(num('model.bert-base.perLayer')).toBe('2,359,296');
    expect(num('costs.instantiated.64')).toBe(num('costs.formula.64'));
    for (const id of ['costs-params-dmodel', 'costs-params-h', 'costs-flops-n', 'costs-kv-cache']) expect(html).toContain(`data-figure="${id}"`);
  });
});

describe('the calculator on the page', () => {
  it('recounts as the reader types, explains bad input, and keeps the last good numbers', async () => {
    const { page, problems } = await open();
    const widget = page.locator('cost-calculator');
    await widget.scrollIntoViewIfNeeded();
    await ready(page);
    const summary = widget.locator('.cc-summary');
    await expect(summary.textContent()).resolves.toContain('One layer: 1,050,624 parameters');
    await widget.locator('input[name="dmodel"]').fill('1024');
    await expect(summary.textContent()).resolves.toContain('One layer: 4,198,400 parameters');
    await expect.poll(() => new URL(page.url()).searchParams.get('cc.dmodel')).toBe('1024');

    const h = widget.locator('input[name="h"]');
    await h.fill('7');
    await expect(widget.locator('[data-error-for="h"]').textContent()).resolves.toMatch(/d_model \(1024\) is not divisible by h \(7\): the course uses d_k = d_model\/h, so h must divide d_model\. Nearest valid h: 4 \(d_k = 256\) or 8 \(d_k = 128\)/);
    await expect(summary.textContent()).resolves.toContain('4,198,400');
    await h.fill('0');
    await expect(widget.locator('[data-error-for="h"]').textContent()).resolves.toMatch(/out of range/);
    await h.fill('16');
    await expect(widget.locator('[data-error-for="h"]').textContent()).resolves.toBe('');
    await expect(summary.textContent()).resolves.toContain('4,198,400'); // h does not change the count
    await widget.locator('input[name="n"]').fill('9999999');
    await expect(widget.locator('[data-error-for="n"]').textContent()).resolves.toMatch(/out of range: use 1 to 65536/);
    await widget.locator('select[name="model"]').selectOption('bert-base');
    await expect(widget.locator('input[name="dmodel"]').inputValue()).resolves.toBe('768');
    await widget.locator('input[name="n"]').fill('512');
    await expect(summary.textContent()).resolves.toContain('One layer: 2,362,368 parameters; 12 layers: 28,348,416');
    await widget.locator('input[name="n"]').press('Enter'); // must not submit the form or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link reopens it in that state', async () => {
    const { page, problems } = await open(`${LESSON}?cc.model=gpt2-medium&cc.dmodel=1024&cc.h=16&cc.n=1024&cc.layers=24&cc.bias=1&cc.bytes=2`);
    await ready(page);
    await expect(page.locator('cost-calculator select[name="model"]').inputValue()).resolves.toBe('gpt2-medium');
    await expect(page.locator('cost-calculator table.cc-kv tbody tr').count()).resolves.toBe(5);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads without JavaScript: the default numbers, the chart and the figures are in the page', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    await expect(page.locator('cost-calculator .cc-summary').textContent()).resolves.toContain('1,050,624');
    expect(await page.locator('cost-calculator [data-chart="flops"] svg[role="img"]').count()).toBe(1);
    expect(await page.locator('figure[data-figure] svg:not(.figure-phone svg)').count()).toBe(4);
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(20);
    await page.context().close();
  });

  it('checks exercise answers typed with thousands separators', async () => {
    const { page, problems } = await open();
    const ex = await readyExercise(page, 'l4-bert');
    await expect(ex.locator('details.hint').textContent()).resolves.toMatch(/Hint.*the 12 heads do not enter/); // a hint, not part of the question
    await expect(ex.locator('.exercise-question').textContent()).resolves.not.toMatch(/do not enter/);
    const answer = ex.locator('input[name="answer"]');
    await answer.fill('2,362,368');
    await answer.press('Enter');
    await expect(ex.locator('.feedback').textContent()).resolves.toMatch(/Not quite/);
    await answer.fill('2,359,296');
    await answer.press('Enter');
    await expect(ex.locator('.feedback').textContent()).resolves.toBe('Correct.');
    const mc = await readyExercise(page, 'l4-heads');
    await mc.locator('input[value="2"]').check();
    await mc.locator('button[type="submit"]').click();
    await expect(mc.locator('.feedback').textContent()).resolves.toBe('Correct.');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the calculator’s chart downloads as SVG and PNG', async () => {
    const { page, problems } = await open();
    const widget = page.locator('cost-calculator');
    await widget.scrollIntoViewIfNeeded();
    await ready(page);
    const svg = await download(page, widget.locator('[data-chart="flops"] [data-download="svg"]'));
    expect(svg.suggestedFilename()).toBe('flops-vs-n.svg');
    const png = await download(page, widget.locator('[data-chart="flops"] [data-download="png"]'));
    expect(png.suggestedFilename()).toBe('flops-vs-n.png');
    const fig = await download(page, page.locator('figure[data-figure="costs-kv-cache"] [data-download="png"]'));
    expect(fig.suggestedFilename()).toBe('costs-kv-cache.png');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
