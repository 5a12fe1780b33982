// Lecture mode on a lesson: the L key and ?lecture=1 switch it on; one section at a time
// with the arrow keys; keys typed into a widget stay the widget's; a widget goes full
// screen; Esc returns to where the reader was.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { builtPages, launch, openPage, startShownWidgets } from '../support/site';
import { LECTURE_CHART_SCALE } from '../../src/charts/svg';
import { LECTURE_MIN_TEXT_PX, sectionOf } from '../../src/components/lecture-client';

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

  it('lecture.css shows charts as much larger as widgets draw them smaller (LECTURE_CHART_SCALE)', () => {
    const css = readFileSync('src/styles/lecture.css', 'utf8');
    expect(css).toContain(`calc(var(--chart-width) * ${LECTURE_CHART_SCALE})`);
  });

  it('at 1280×720 every section of every lesson, widgets started, shows no text below 20 px (prose, tables, controls, formulas, chart text) and nothing scrolls sideways; leaving restores the sizes', async () => {
    const lessons = builtPages().filter((p) => /^\/lessons\/[^/]+\/$/.test(p));
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    let measured = 0;
    for (const path of lessons) {
      await page.goto(`${base}${path}?lecture=1`);
      const sections = Number((await counter(page))!.match(/of (\d+)/)![1]);
      for (let k = 0; k < sections; k++) {
        await startShownWidgets(page);
        await page.evaluate(() => new Promise(requestAnimationFrame)); // text raised in the next frame
        await page.evaluate(() => new Promise(requestAnimationFrame));
        const found = await page.evaluate(() => {
          const small: string[] = [];
          let count = 0;
          const note = (what: string, px: number) => { count++; if (px < 19.95) small.push(`${what}: ${px.toFixed(1)}px`); };
          for (const el of document.querySelectorAll<HTMLElement>('article.lesson *, .lecture-bar *')) {
            if (el.closest('svg, mjx-assistive-mml') || el.getClientRects().length === 0) continue;
            if (el.closest('details:not([open])') && !el.closest('summary')) continue;
            const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
            if (own || el.tagName === 'MJX-C') note(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} “${el.textContent!.trim().slice(0, 20)}”`, parseFloat(getComputedStyle(el).fontSize));
          }
          for (const t of document.querySelectorAll('article.lesson svg text')) {
            const box = t.getBoundingClientRect();
            const ctm = (t as SVGGraphicsElement).getScreenCTM();
            if (!t.textContent?.trim() || (box.width === 0 && box.height === 0) || !ctm) continue;
            note(`chart text “${t.textContent.slice(0, 16)}” in ${t.closest('[data-figure]')?.getAttribute('data-figure') ?? t.closest('[data-widget]')?.tagName.toLowerCase()}`, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b));
          }
          return { small, count, sideways: document.documentElement.scrollWidth - innerWidth };
        });
        expect(found.small.slice(0, 8), `${path} section ${k + 1}`).toEqual([]);
        expect(found.sideways, `${path} section ${k + 1}`).toBeLessThanOrEqual(0);
        measured += found.count;
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('ArrowRight');
      }
    }
    expect(measured).toBeGreaterThan(5000); // the check had text to look at
    // Leaving lecture mode gives every raised text its own size back.
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-lecture-floor]').count()).toBe(0);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.lesson-kicker')!).fontSize))).toBeLessThan(LECTURE_MIN_TEXT_PX);
    await context.close();
  }, 400_000);
});
