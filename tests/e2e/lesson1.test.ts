// Lesson 1 on the built site: the widget reacts to input and bad input, the page reads
// without JavaScript, exercises are checked, the theme is remembered, figures download.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkChoice, download, downloadBytes, launch, openPage, widgetReady, readyExercise } from '../support/site';

const base = inject('baseUrl');
const LESSON = '/lessons/attention-in-one-head/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);

describe('lesson 1 widget on the page', () => {
  it('reacts to a new sentence and to bad input, with nothing in the console', async () => {
    const { page, problems } = await open();
    const widget = page.locator('one-head-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-head-attention');
    const weights = widget.locator('[data-map="weights"] rect[data-row]');
    await expect(weights.count()).resolves.toBe(100);

    const sentence = widget.locator('input[name="sentence"]');
    await sentence.fill('queries meet keys');
    await expect(weights.count()).resolves.toBe(9);
    await expect.poll(() => new URL(page.url()).searchParams.get('oh.sentence')).toBe('queries meet keys');

    for (const [text, message] of [['', /empty/], ['a b c d e f g h i j k l m', /at most 12/], ['<b>bold</b>', /plain words/]] as const) {
      await sentence.fill(text);
      await expect(widget.locator('[data-error-for="sentence"]').textContent()).resolves.toMatch(message);
      await expect(weights.count()).resolves.toBe(9); // last good picture kept
    }
    expect(await widget.locator('[data-output] b').count()).toBe(0);
    await widget.locator('input[name="seed"]').fill('not a number');
    await expect(widget.locator('[data-error-for="seed"]').textContent()).resolves.toMatch(/not a whole number/);
    await sentence.press('Enter'); // must not submit the form or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link with state reopens the widget in that state', async () => {
    const { page, problems } = await open(`${LESSON}?oh.sentence=a+b+a&oh.seed=4&oh.dk=64&oh.scaled=0`);
    await widgetReady(page, 'one-head-attention');
    await expect(page.locator('one-head-attention input[name="sentence"]').inputValue()).resolves.toBe('a b a');
    await expect(page.locator('one-head-attention [data-map="scores"] .figure-title').textContent()).resolves.toMatch(/unscaled/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the causal mask: its code cell, its figure, and the widget switch (keyboard, link, bad link), with nothing in the console', async () => {
    const { page, problems } = await open(`${LESSON}?oh.sentence=the+cat+sat+on&oh.causal=1`);
    // the code cells show the mask functions cut from src/attention/mask.ts
    for (const name of ['causalMask', 'applyCausalMask']) {
      const cell = page.locator(`figure.code-cell[data-source="src/attention/mask.ts#${name}"]`);
      await expect(cell.count()).resolves.toBe(1);
      await expect(cell.locator('pre').first().textContent()).resolves.toContain(`export function ${name}(`);
    }
    // the static triangle: 6 tokens, 15 grey cells above the diagonal
    const figure = page.locator('figure[data-figure="causal-mask"]');
    await expect(figure.locator('rect[data-masked]:not(.figure-phone *)').count()).resolves.toBe(15);
    await expect(figure.locator('rect[data-row]:not(.figure-phone *)').count()).resolves.toBe(36);
    // the widget opens masked from the link
    const widget = page.locator('one-head-attention');
    await widgetReady(page, 'one-head-attention');
    const box = widget.locator('input[name="causal"]');
    await expect(box.isChecked()).resolves.toBe(true);
    await expect(widget.locator('[data-map="weights"] rect[data-masked]').count()).resolves.toBe(6);
    await expect(widget.locator('[data-map="scores"] .figure-title').textContent()).resolves.toMatch(/causal mask/);
    // keyboard: switch it off and on with the space bar
    await box.focus();
    await page.keyboard.press('Space');
    await expect(widget.locator('[data-map="weights"] rect[data-masked]').count()).resolves.toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('oh.causal')).toBe('0');
    await page.keyboard.press('Space');
    await expect(widget.locator('[data-map="weights"] rect[data-masked]').count()).resolves.toBe(6);
    // a masked cell read out with the arrow keys
    await widget.locator('[data-map="weights"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect(widget.locator('.oh-readout').textContent()).resolves.toMatch(/hidden by the causal mask.*score −∞, weight 0/);
    // masked cells are grey on the page: the text colour at low opacity, not the colour of a weight
    const fill = await widget.locator('[data-map="weights"] rect[data-masked]').first().evaluate((r) => [getComputedStyle(r).fill, r.getAttribute('fill-opacity')]);
    expect(fill[1]).toBe('0.12');
    expect(problems).toEqual([]);
    await page.context().close();

    const bad = await open(`${LESSON}?oh.causal=maybe`);
    await widgetReady(bad.page, 'one-head-attention');
    await expect(bad.page.locator('one-head-attention [data-notice]').textContent()).resolves.toMatch(/causal was ignored/);
    await expect(bad.page.locator('one-head-attention input[name="causal"]').isChecked()).resolves.toBe(false);
    expect(bad.problems).toEqual([]);
    await bad.page.context().close();
  });

  it('reads without JavaScript: static figures, typeset math, the default widget picture', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    expect(await page.locator('figure[data-figure] svg:not(.figure-phone svg)').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('figure[data-figure="causal-mask"] rect[data-masked]:not(.figure-phone *)').count()).toBe(15);
    expect(await page.locator('one-head-attention [data-map="weights"] rect[data-row]').count()).toBe(100);
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(5);
    await page.context().close();
  });
});

describe('exercises, theme and downloads', () => {
  it('checks numeric and multiple-choice answers and explains bad input', async () => {
    const { page, problems } = await open();
    const ex = await readyExercise(page, 'l1-std');
    const input = ex.locator('input[name="answer"]');
    const feedback = ex.locator('.feedback');
    await input.fill('sixty-four');
    await ex.locator('button[type="submit"]').click();
    await expect(feedback.textContent()).resolves.toMatch(/not a number/);
    await input.fill('4');
    await input.press('Enter');
    await expect(feedback.textContent()).resolves.toMatch(/Not quite/);
    await input.fill(' 8.0 ');
    await input.press('Enter');
    await expect(feedback.textContent()).resolves.toBe('Correct.');
    const mc = await readyExercise(page, 'l1-peak');
    await mc.locator('button[type="submit"]').click();
    await expect(mc.locator('.feedback').textContent()).resolves.toMatch(/Choose one/);
    await mc.locator('input[value="1"]').check();
    await mc.locator('button[type="submit"]').click();
    await expect(mc.locator('.feedback').textContent()).resolves.toBe('Correct.');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('checks the mask exercises', async () => {
    const { page, problems } = await open();
    for (const [id, wrong, right] of [['l1-causal-count', '21', '15'], ['l1-causal-row', '0.96', '0.5']] as const) {
      const ex = await readyExercise(page, id);
      const input = ex.locator('input[name="answer"]');
      await input.fill(wrong);
      await input.press('Enter');
      await expect(ex.locator('.feedback').textContent()).resolves.toMatch(/Not quite/);
      await input.fill(right);
      await input.press('Enter');
      await expect(ex.locator('.feedback').textContent()).resolves.toBe('Correct.');
    }
    await checkChoice(page, 'l1-causal-decode', 1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the theme toggle switches and is remembered across a reload', async () => {
    const { page } = await open('/', { colorScheme: 'light' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await expect(theme()).resolves.toBe('light');
    await page.locator('.theme-toggle').click();
    await expect(theme()).resolves.toBe('dark');
    await expect(page.locator('.theme-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.reload();
    await expect(theme()).resolves.toBe('dark');
    await page.context().close();
  });

  it('maps in dark mode run from the page colour to the strongest colour: cells, values and key inverted, hidden cells grey; light mode and print untouched', async () => {
    const { page, problems } = await open(LESSON, { colorScheme: 'dark' });
    const figure = page.locator('figure[data-figure="causal-mask"]');
    await figure.scrollIntoViewIfNeeded();
    const look = () => figure.evaluate((f) => {
      const cells = f.querySelector('svg[data-heatmap] g.hm-cells')!;
      const masked = cells.querySelector('rect[data-masked]')!;
      return { cells: getComputedStyle(cells).filter, values: getComputedStyle(f.querySelector('svg[data-heatmap] g.hm-values')!).filter, masked: getComputedStyle(masked).fill };
    });
    const inverted = 'invert(1) hue-rotate(180deg)';
    expect(await look()).toEqual({ cells: inverted, values: inverted, masked: 'rgb(0, 0, 0)' }); // black, inverted: a light grey at the hidden cells' low opacity
    await page.emulateMedia({ media: 'print' });
    expect((await look()).cells).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    await page.locator('.theme-toggle').click();
    expect((await look()).cells).toBe('none');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('figures download as valid SVG and PNG', async () => {
    const { page, problems } = await open();
    const figure = page.locator('figure[data-figure="scaling-variance"]');
    const svg = await download(page, figure.locator('[data-download="svg"]'));
    expect(svg.suggestedFilename()).toBe('scaling-variance.svg');
    const text = (await downloadBytes(svg)).toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('</svg>');
    const png = await download(page, figure.locator('[data-download="png"]'));
    expect(png.suggestedFilename()).toBe('scaling-variance.png');
    const bytes = await downloadBytes(png);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(2000);
    // a widget heatmap too
    const widget = page.locator('one-head-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-head-attention');
    const map = await download(page, widget.locator('[data-map="weights"] [data-download="png"]'));
    expect(map.suggestedFilename()).toBe('attention-weights.png');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

