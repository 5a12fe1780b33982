// Lesson 5 on the built site: the merging widget reacts to input and bad input, opens
// from a link, reads without JavaScript; the quoted numbers come from the code; the
// exercises are checked; figures download; the page fits a phone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { download, launch, openPage, widgetReady, checkChoice, readyExercise } from '../support/site';
import { mergeParameterCount } from '../../src/attention';

const base = inject('baseUrl');
const LESSON = '/lessons/merging-heads/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);
const ready = (page: Page) => widgetReady(page, 'merge-heads');
const fills = (page: Page, map: string) =>
  page.locator(`merge-heads [data-map="${map}"] rect[data-row]`).evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')).join());

describe('lesson 5 widget on the page', () => {
  it('averaging cancels, concatenation keeps; bad input is explained and the picture kept', async () => {
    const { page, problems } = await open();
    const widget = page.locator('merge-heads');
    await widget.scrollIntoViewIfNeeded();
    await ready(page);
    await expect(widget.locator('.mh-distance').textContent()).resolves.toMatch(/0\.000: identical/);
    expect(await fills(page, 'output')).toBe(await fills(page, 'silenced'));

    await widget.locator('select[name="merge"]').selectOption('concat');
    await expect(widget.locator('.mh-distance').textContent()).resolves.toMatch(/: [1-9]\.\d{3}\.$/);
    expect(await fills(page, 'output')).not.toBe(await fills(page, 'silenced'));
    await expect.poll(() => new URL(page.url()).searchParams.get('mh.merge')).toBe('concat');

    const hBox = widget.locator('input[name="h"]');
    const before = await widget.locator('[data-output]').innerHTML();
    for (const [text, message] of [['5', /Nearest valid h: 4 \(d_k = 4\) or 8 \(d_k = 2\)/], ['0', /at least 2 heads/], ['many', /not a whole number/], ['100', /beyond this widget’s bounds/]] as const) {
      await hBox.fill(text);
      await expect(widget.locator('[data-error-for="h"]').textContent()).resolves.toMatch(message);
      await expect(widget.locator('[data-output]').innerHTML()).resolves.toBe(before);
    }
    await hBox.fill('2');
    await expect(widget.locator('[data-error-for="h"]').textContent()).resolves.toBe('');
    await expect(widget.locator('.mh-compare tbody tr').nth(1).locator('td').first().textContent()).resolves.toBe('6 × 8 (dₖ)');
    await widget.locator('input[name="r"]').fill('<b>x</b>');
    await expect(widget.locator('[data-error-for="r"]').textContent()).resolves.toMatch(/not a number/);
    expect(await widget.locator('[data-output] b').count()).toBe(0);
    await widget.locator('input[name="r"]').press('Enter'); // must not submit or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link with state reopens the widget in that state', async () => {
    const { page, problems } = await open(`${LESSON}?mh.merge=weighted&mh.r=0.5&mh.dmodel=24&mh.h=6&mh.seed=9`);
    await ready(page);
    const widget = page.locator('merge-heads');
    await expect(widget.locator('select[name="merge"]').inputValue()).resolves.toBe('weighted');
    await expect(widget.locator('input[name="h"]').inputValue()).resolves.toBe('6');
    expect(await widget.locator('[data-map="heads"] rect[data-row]').count()).toBe(6 * 24);
    await expect(widget.locator('.mh-summary').textContent()).resolves.toMatch(/Head 2 carries 0\.5 × .*cancels at r = −α₁\/α₂/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads without JavaScript: figures, math, and the widget’s default picture', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    expect(await page.locator('figure[data-figure="merging-cancel"] svg:not(.figure-phone svg)').count()).toBe(1);
    expect(await page.locator('figure[data-figure="merging-params"] svg:not(.figure-phone svg)').count()).toBe(1);
    expect(await page.locator('merge-heads [data-map="heads"] rect[data-row]').count()).toBe(6 * 16);
    await expect(page.locator('merge-heads .mh-distance').textContent()).resolves.toMatch(/0\.000/);
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(20);
    await page.context().close();
  });

  it('quotes the parameter counts the code computes', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    const quoted = (id: string) => page.locator(`[data-number="${id}"]`).first().textContent();
    for (const kind of ['concat', 'average', 'weighted', 'gated'] as const) {
      await expect(quoted(`merging.params.${kind}.512.8`)).resolves.toBe(mergeParameterCount(kind, { dModel: 512, h: 8 }).toLocaleString('en'));
    }
    await expect(quoted('merging.distance.average.-1')).resolves.toBe('0.000');
    await page.context().close();
  });
});

describe('exercises and downloads', () => {
  it('checks the answers, with hints in their own place', async () => {
    const { page, problems } = await open();
    const params = await readyExercise(page, 'l5-params');
    await params.locator('input[name="answer"]').fill('262144');
    await params.locator('button[type="submit"]').click();
    await expect(params.locator('.feedback').textContent()).resolves.toMatch(/Not quite/);
    await params.locator('input[name="answer"]').fill('32,768');
    await params.locator('button[type="submit"]').click();
    await expect(params.locator('.feedback').textContent()).resolves.toBe('Correct.');
    expect(await params.locator('details.hint').count()).toBe(1);
    await expect(params.locator('.exercise-question').textContent()).resolves.not.toMatch(/maps the averaged head/);

    const weighted = await readyExercise(page, 'l5-weighted');
    await weighted.locator('input[name="answer"]').fill('−3');
    await weighted.locator('button[type="submit"]').click();
    await expect(weighted.locator('.feedback').textContent()).resolves.toBe('Correct.');

    for (const [id, correct] of [['l5-cancel', 0], ['l5-identity', 2], ['l5-gate', 1]] as const) await checkChoice(page, id, correct);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a widget chart downloads as SVG and PNG', async () => {
    const { page, problems } = await open();
    const widget = page.locator('merge-heads');
    await widget.scrollIntoViewIfNeeded();
    await ready(page);
    const bars = widget.locator('[data-map="bars"]');
    const svg = await download(page, bars.locator('[data-download="svg"]'));
    expect(svg.suggestedFilename()).toBe('merge-signal.svg');
    const png = await download(page, widget.locator('[data-map="output"] [data-download="png"]'));
    expect(png.suggestedFilename()).toBe('average-output.png');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling, widget included', async () => {
    const { page, problems } = await open(LESSON, { viewport: { width: 375, height: 800 } });
    await page.locator('merge-heads').scrollIntoViewIfNeeded();
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
