// Lesson 8 on the built site: the head-maps widget loads the trained model, reacts to
// typed tokens and bad input, selects heads by keyboard, opens from a link, says clearly
// when the checkpoint is missing or corrupt; the page reads without JavaScript, quotes the
// numbers the code computes, downloads figures and fits a phone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { download, downloadBytes, launch, openPage, widgetReady, checkChoice, SW_BLOCKED, readyExercise } from '../support/site';
import { lookingNumbers } from '../../src/build/figures/looking';

const base = inject('baseUrl');
const LESSON = '/lessons/what-heads-look-at/';
const CHECKPOINT = '**/lab/checkpoint.json';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);
/** The widget has started and the model is loaded and scored (the status line is hidden again). */
async function ready(page: Page): Promise<void> {
  await page.locator('head-maps').scrollIntoViewIfNeeded();
  await widgetReady(page, 'head-maps');
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLElement>('head-maps [data-model-status]');
    return s?.hidden === true && !document.querySelector('head-maps .hm-roles td')?.textContent?.includes('…');
  });
}
const text = (page: Page, sel: string) => page.locator(`head-maps ${sel}`).first().textContent();
const headRects = (page: Page) => page.locator('head-maps [data-map="head"] rect[data-row]').count();

describe('lesson 8 widget on the page', () => {
  it('typed tokens redraw maps and predictions; bad input is explained beside the box and the picture kept', async () => {
    const { page, problems } = await open();
    await ready(page);
    const widget = page.locator('head-maps');
    const box = widget.locator('input[name="tokens"]');
    await box.fill('0 3 5 2');
    expect(await headRects(page)).toBe(16);
    expect(await widget.locator('.hm-pick rect[data-row]').count()).toBe(8 * 16);
    await expect(text(page, '.hm-positions tbody tr:nth-child(3) td:nth-child(5)')).resolves.toBe('3'); // (3 − 0) mod 7
    await expect(text(page, '.hm-summary')).resolves.toMatch(/^Layer 1, head 4, queries 1–3: .* of 3 positions right\.$/);
    await expect.poll(() => new URL(page.url()).searchParams.get('hm.tokens')).toBe('0 3 5 2');

    const before = await widget.locator('[data-output]').innerHTML();
    for (const [typed, message] of [['0 3 8 2', /^8 is not a token: use 0–6/], ['', /Type at least 2 tokens/], ['6', /at least 2 tokens/], ['1 1 1 1 1 1 1 1 1 1', /At most 8 tokens \(you typed 10\)/]] as const) {
      await box.fill(typed);
      await expect(widget.locator('[data-error-for="tokens"]').textContent()).resolves.toMatch(message);
      await expect(widget.locator('[data-output]').innerHTML()).resolves.toBe(before);
    }
    await box.fill('<b>1</b> <img src=x onerror="document.title=1">');
    await expect(widget.locator('[data-error-for="tokens"]').textContent()).resolves.toMatch(/“<b>1<\/b>” is not a token/);
    expect(await page.locator('head-maps b, head-maps img').count()).toBe(0);
    await box.press('Enter'); // must not submit or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('layer and head by keyboard: the selects, and the grid of small maps with arrows and Enter', async () => {
    const { page, problems } = await open();
    await ready(page);
    const widget = page.locator('head-maps');
    await widget.locator('select[name="layer"]').focus();
    await page.keyboard.press('ArrowDown'); // Chromium: arrows change a focused closed select
    await expect(text(page, '[data-map="head"] .figure-title')).resolves.toMatch(/^Layer 2, head 4/);
    await widget.locator('.hm-pick[data-layer="1"][data-head="1"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(text(page, '[data-map="head"] .figure-title')).resolves.toMatch(/^Layer 1, head 2/);
    await expect(widget.locator('select[name="head"]').inputValue()).resolves.toBe('2');
    await expect(widget.locator('.hm-pick[aria-pressed="true"]').getAttribute('data-head')).resolves.toBe('2');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.head)).toBe('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect(text(page, '[data-map="head"] .figure-title')).resolves.toMatch(/^Layer 2, head 2/);
    await expect.poll(() => new URL(page.url()).searchParams.get('hm.layer')).toBe('2');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link round-trips the state', async () => {
    const first = await open();
    await ready(first.page);
    await first.page.locator('head-maps input[name="tokens"]').fill('2 2 6 1 0');
    await first.page.locator('head-maps .hm-pick[data-layer="2"][data-head="3"]').click();
    await expect.poll(() => new URL(first.page.url()).searchParams.get('hm.head')).toBe('3'); // written once input pauses
    const link = first.page.url();
    const map = await first.page.locator('head-maps [data-map="head"] svg[data-heatmap]').innerHTML();
    await first.page.context().close();

    const { page, problems } = await open(link.replace(base, ''));
    await ready(page);
    await expect(page.locator('head-maps input[name="tokens"]').inputValue()).resolves.toBe('2 2 6 1 0');
    await expect(page.locator('head-maps select[name="layer"]').inputValue()).resolves.toBe('2');
    await expect(page.locator('head-maps select[name="head"]').inputValue()).resolves.toBe('3');
    await expect(page.locator('head-maps [data-map="head"] svg[data-heatmap]').innerHTML()).resolves.toBe(map);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('a missing or corrupt checkpoint', () => {
  /** Open the lesson with the checkpoint answered by `fulfil`; console lines about that one request are expected. */
  async function openWith(fulfil: { status: number; body: string }): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      const fromCheckpoint = m.location().url.endsWith('/lab/checkpoint.json') || /Failed to load resource: the server responded with a status of 404/.test(m.text());
      if (m.text() === SW_BLOCKED) return;
      if ((m.type() === 'error' || m.type() === 'warning') && !(fulfil.status === 404 && fromCheckpoint)) problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.route(CHECKPOINT, (route) => route.fulfill({ status: fulfil.status, body: fulfil.body, contentType: 'application/json' }));
    await page.goto(base + LESSON);
    await page.locator('head-maps').scrollIntoViewIfNeeded();
    await widgetReady(page, 'head-maps');
    return { page, problems };
  }

  for (const [name, fulfil, message] of [
    ['missing (404)', { status: 404, body: 'Not found' }, /The trained model is missing \(.*\/lab\/checkpoint\.json answered 404\)/],
    ['not JSON', { status: 200, body: '{"settings": ga' }, /not valid JSON: the file is corrupt/],
    ['wrong shapes', { status: 200, body: JSON.stringify({ settings: { task: { vocab: 7, seqLen: 8 }, model: { dModel: 16, h: 4, layers: 2, dHidden: 32, causal: true } }, params: { tokenEmbedding: [[1]] } }) }, /is corrupt: tokenEmbedding should be 7×16/],
  ] as const) {
    it(`${name}: a clear message in the widget, the built picture kept, no console error`, async () => {
      const { page, problems } = await openWith(fulfil);
      const status = page.locator('head-maps [data-model-status]');
      await expect.poll(() => status.textContent()).toMatch(message);
      await expect(status.textContent()).resolves.toMatch(/picture shows the default input, computed when the site was built/);
      expect(await status.isVisible()).toBe(true);
      expect(await headRects(page)).toBe(64);
      await expect(text(page, '.hm-summary')).resolves.toMatch(/^Layer 1, head 4/);
      expect(await page.locator('head-maps input[name="tokens"]').isDisabled()).toBe(true);
      expect(await page.locator('head-maps [data-action="retry-model"]').isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});

describe('the page', () => {
  it('reads without JavaScript: the widget’s default picture, figures, math and computed numbers', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    expect(await headRects(page)).toBe(64);
    expect(await page.locator('head-maps [data-map="head"] rect[data-masked]').count()).toBe(28);
    expect(await page.locator('head-maps .hm-pick').count()).toBe(8);
    expect(await page.locator('head-maps .hm-roles tbody tr').count()).toBe(8);
    await expect(text(page, '.hm-roles tbody tr:nth-child(4) td:last-child')).resolves.toBe('previous token');
    for (const id of ['looking-roles', 'looking-positions']) expect(await page.locator(`figure[data-figure="${id}"] svg:not(.figure-phone svg)`).count()).toBe(1);
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(10);
    const quoted = (id: string) => page.locator(`[data-number="${id}"]`).first().textContent();
    for (const id of ['looking.previousHead', 'looking.previousHead.previous', 'looking.previousHead.cost', 'looking.secondLayer.firstTwo', 'looking.firstLayerOthers.cost'] as const) {
      await expect(quoted(id)).resolves.toBe(lookingNumbers[id]());
    }
    await page.context().close();
  });

  it('checks the exercises', async () => {
    const { page, problems } = await open();
    const entropy = await readyExercise(page, 'l8-entropy');
    await entropy.locator('input[name="answer"]').fill('1.386');
    await entropy.locator('button[type="submit"]').click();
    await expect(entropy.locator('.feedback').textContent()).resolves.toBe('Correct.');
    const overlap = await readyExercise(page, 'l8-overlap');
    await overlap.locator('input[name="answer"]').fill('0');
    await overlap.locator('button[type="submit"]').click();
    await expect(overlap.locator('.feedback').textContent()).resolves.toMatch(/Not quite/);
    for (const [id, correct] of [['l8-first-row', 0], ['l8-conclude', 2]] as const) await checkChoice(page, id, correct);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('widget charts download as valid SVG and PNG', async () => {
    const { page, problems } = await open();
    await ready(page);
    const svg = await download(page, page.locator('head-maps [data-map="head"] [data-download="svg"]'));
    expect(svg.suggestedFilename()).toBe('layer1-head4.svg');
    const svgText = (await downloadBytes(svg)).toString('utf8');
    expect(svgText).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgText).toMatch(/<\/svg>\s*$/);
    const png = await download(page, page.locator('head-maps [data-map="roles-held-out"] [data-download="png"]'));
    expect(png.suggestedFilename()).toBe('role-scores-held-out.png');
    expect((await downloadBytes(png)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling, widget included', async () => {
    const { page, problems } = await open(LESSON, { viewport: { width: 375, height: 800 } });
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
