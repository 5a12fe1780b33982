// Lecture mode on a lesson: the L key and ?lecture=1 switch it on; one section at a time
// with the arrow keys; keys typed into a widget stay the widget's; a widget goes full
// screen; Esc returns to where the reader was.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from '../support/site';
import { sectionOf } from '../../src/components/lecture-client';

const base = inject('baseUrl');
const LESSON = '/lessons/merging-heads/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const counter = (page: Page) => page.locator('[data-lecture-counter]').textContent();
/** The h2 headings a reader can see (the one section shown). */
const visibleH2 = (page: Page) => page.locator('article.lesson > h2').evaluateAll((hs) => hs.filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => h.id));

describe('lecture mode', () => {
  it('sections are the title block and each h2 block', () => {
    expect(sectionOf(['DETAILS', 'P', 'H1', 'SECTION', 'H2', 'P', 'DIV', 'H2', 'P'])).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it('L enters at the section in view, arrows move, Esc returns to the same place', async () => {
    const { page, problems } = await openPage(browser, base + LESSON);
    await page.locator('#the-code').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('the-code')!.scrollIntoView());
    const y = await page.evaluate(() => scrollY);
    await page.keyboard.press('l');
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBe('1');
    await expect.poll(() => new URL(page.url()).searchParams.get('lecture')).toBe('1');
    expect(await visibleH2(page)).toEqual(['the-code']);
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(fontSize).toBeGreaterThan(18);
    await page.keyboard.press('ArrowRight');
    expect(await visibleH2(page)).toEqual(['try-it']);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await visibleH2(page)).toEqual(['the-idea']);
    await page.keyboard.press('Home');
    await expect(counter(page)).resolves.toMatch(/^Section 1 of \d+$/);
    expect(await page.locator('article.lesson h1').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await visibleH2(page)).toEqual(['references']);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBeUndefined();
    expect(new URL(page.url()).searchParams.get('lecture')).toBeNull();
    expect(await page.evaluate(() => scrollY)).toBe(y);
    expect(await visibleH2(page)).toContain('exercises');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link opens a section in lecture mode; typing in a widget is not a slide change; a widget goes full screen', async () => {
    const { page, problems } = await openPage(browser, `${base}${LESSON}?lecture=1#try-it`);
    expect(await visibleH2(page)).toEqual(['try-it']);
    const r = page.locator('merge-heads input[name="r"]');
    await r.fill('');
    await r.type('1');
    await page.keyboard.press('ArrowLeft'); // moves the caret, not the slide
    await page.keyboard.type('l');
    expect(await visibleH2(page)).toEqual(['try-it']);
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBe('1');
    const fs = page.locator('merge-heads [data-action="full-screen"]');
    await fs.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName.toLowerCase() ?? null)).toBe('merge-heads');
    await expect.poll(() => fs.getAttribute('aria-pressed')).toBe('true'); // set on fullscreenchange, which may come a moment later
    await fs.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
    await page.locator('[data-lecture-next]').click();
    expect(await visibleH2(page)).toEqual(['what-to-notice']);
    await page.locator('[data-lecture-exit]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
