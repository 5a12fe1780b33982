// Every built page loads with no console error and no failed request. axe runs on every
// page of the list below (every lesson and one or more pages of each other template): all
// its rules in the theme the page opens in, and in the other theme the rules whose answer
// depends on the colours.
// A page of a template the list does not know fails the first test, so a new template
// cannot go unchecked.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { builtHtml, builtPages, launch, startWidgets, watchProblems } from '../support/site';
import { axeViolations, COLOUR_RULES } from '../support/axe';
import { qkvTokenStyle } from '../../src/lib/qkvCode';

const base = inject('baseUrl');
const pages = builtPages();

/** The template (src/pages/…) that builds each page, told by its path. */
const TEMPLATES: Record<string, (path: string) => boolean> = {
  home: (p) => p === '/',
  lesson: (p) => /^\/lessons\/[^/]+\/$/.test(p),
  practice: (p) => p === '/practice/',
  interview: (p) => p === '/interview/',
  glossary: (p) => p === '/glossary/',
  search: (p) => p === '/search/',
  teach: (p) => p === '/teach/',
  'not found': (p) => p === '/404.html',
  'source listing': (p) => /^\/source\/(src|reference)\/.+\/$/.test(p),
};
const templateOf = (path: string) => Object.keys(TEMPLATES).find((t) => TEMPLATES[t](path));

const lessons = pages.filter((p) => templateOf(p) === 'lesson');

/**
 * The pages axe checks, in light and in dark mode.
 * - Every lesson: they share a template, but each has its own widgets, figures, tables and
 *   exercises, and those are most of what axe finds.
 * - One page of each other template.
 * - Two of the source listings (59 today): they share one template and differ only in the
 *   code shown, whose token colours the test below checks are all among these two.
 *   src/lib/extract.ts uses every token colour there is; lesson 1's code cells link to
 *   src/attention/scaledDotProduct.ts. If one is renamed, pick another listing here.
 * The other source listings still load in both modes with no console error (below), and
 * static.test.ts checks their code against src/ and their links on every page.
 */
const SOURCE_LISTINGS = ['/source/src/lib/extract/', '/source/src/attention/scaledDotProduct/'];
const AXE_PAGES = ['/', ...lessons, '/practice/', '/interview/', '/glossary/', '/search/', '/teach/', '/404.html', ...SOURCE_LISTINGS];

/** The token styles (light and dark colour, weight) a source listing's code uses. */
const tokenStyles = (path: string) => new Set(builtHtml(path).match(/style="--shiki-light:[^"]*"/g) ?? []);

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** Open `path` in a fresh context of colour scheme `scheme`; the theme the page took. */
async function open(path: string, scheme: 'light' | 'dark'): Promise<{ page: Page; context: BrowserContext; problems: string[]; theme?: string }> {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(base + path, { waitUntil: 'load' });
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  return { page, context, problems, theme };
}

/**
 * The size each SVG text shown is drawn at on screen, in px: its font size times its SVG's
 * scale. A chart drawn for a desktop and shrunk into a smaller box shows smaller text.
 */
async function chartTextSizes(page: Page): Promise<{ px: number; where: string; text: string }[]> {
  return page.evaluate(() => [...document.querySelectorAll('svg text')].flatMap((t) => {
    const box = t.getBoundingClientRect();
    const ctm = (t as SVGGraphicsElement).getScreenCTM();
    if (!t.textContent?.trim() || (box.width === 0 && box.height === 0) || !ctm) return [];
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    const where = t.closest('[data-figure]')?.getAttribute('data-figure') ?? t.closest('[data-widget]')?.tagName.toLowerCase() ?? '?';
    return [{ px: Math.round(px * 10) / 10, where, text: t.textContent.slice(0, 16) }];
  }));
}

describe('every page', () => {
  it('every built page has a known template, and axe checks a page of each one', () => {
    expect(pages.filter((p) => !templateOf(p)), 'pages of a template this test does not know: add it to TEMPLATES and a page of it to AXE_PAGES').toEqual([]);
    expect(AXE_PAGES.filter((p) => !pages.includes(p)), 'axe pages missing from dist/').toEqual([]);
    expect(new Set(AXE_PAGES.map(templateOf))).toEqual(new Set(pages.map(templateOf)));
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    const listings = pages.filter((p) => templateOf(p) === 'source listing');
    // Q, K and V in lesson code cells (src/lib/qkvCode.ts) take the palette's text shades, whose
    // 4.5:1 on the code background of each theme palette.test.ts checks.
    const qkvStyles = (['q', 'k', 'v'] as const).map((r) => `style="${Object.entries(qkvTokenStyle(r)).map(([k, v]) => `${k}:${v}`).join(';')}"`);
    const checked = new Set([...SOURCE_LISTINGS.flatMap((p) => [...tokenStyles(p)]), ...qkvStyles]);
    const unchecked = listings.flatMap((p) => [...tokenStyles(p)].filter((s) => !checked.has(s)).map((s) => `${p}: ${s}`));
    expect(unchecked, 'a token colour no axe-checked source listing shows: add a listing that has it to SOURCE_LISTINGS').toEqual([]);
    // Lessons and other pages show code in the same blocks; the colour rules skip those blocks there.
    const elsewhere = pages.filter((p) => templateOf(p) !== 'source listing').flatMap((p) => [...tokenStyles(p)].filter((s) => !checked.has(s)).map((s) => `${p}: ${s}`));
    expect(elsewhere, 'a token colour in a page\'s code that no axe-checked source listing shows').toEqual([]);
    expect(checked.size).toBeGreaterThan(5);
  });

  it('the axe helper finds a violation when there is one', async () => {
    const { page, context } = await open('/404.html', 'dark');
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p style="color:#777;background:#888">faint</p><img src="/favicon.svg">'));
    const found = await axeViolations(page);
    expect(found.some((v) => v.startsWith('color-contrast:'))).toBe(true);
    expect(found.some((v) => v.startsWith('image-alt:'))).toBe(true);
    expect((await axeViolations(page, { rules: COLOUR_RULES })).map((v) => v.split(':')[0])).toEqual(['color-contrast']);
    await context.close();
  });

  // One load per page: half the pages open in light mode and switch to dark with the
  // theme button, the other half the other way round, so both first loads are exercised
  // on every template with more than one page. In the first theme axe runs every rule; in
  // the second, the colour rules. Each axe run first walks the whole page (1.5–2 s of CPU
  // on a lesson), so there are two runs, not one per rule group. The second leaves out code
  // blocks: their token colours on the same background are checked on the source listings
  // in both themes (see the first test).
  // Concurrent (two at a time, maxConcurrency in vitest.config.ts): each page has its own
  // context, and axe keeps a second core busy while the other page loads.
  AXE_PAGES.forEach((path, i) => {
    const [first, second] = i % 2 === 0 ? (['light', 'dark'] as const) : (['dark', 'light'] as const);
    // 120 s: a guard against a hang, not a timing check
    it.concurrent(`${path} (${first}, then ${second}): no console error, no axe violation`, { timeout: 120_000 }, async ({ expect }) => {
      const { page, context, problems, theme } = await open(path, first);
      expect(theme).toBe(first);
      await startWidgets(page); // so their live DOM is checked too
      expect(await axeViolations(page), first).toEqual([]);
      await page.locator('.theme-toggle').click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(second);
      const colourOnly = templateOf(path) === 'source listing' ? { rules: COLOUR_RULES } : { rules: COLOUR_RULES, exclude: ['pre.astro-code'] };
      expect(await axeViolations(page, colourOnly), second).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  });

  // The other source listings share the template of the two above; each loads once, half
  // of them in light mode and half in dark.
  const others = pages.filter((p) => !AXE_PAGES.includes(p));
  it(`the other ${others.length} pages load with no console error, half in light mode and half in dark`, async () => {
    expect(others.every((p) => templateOf(p) === 'source listing')).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchProblems(page);
      for (const path of others.filter((_, i) => i % 2 === (scheme === 'light' ? 0 : 1))) {
        await page.goto(base + path, { waitUntil: 'load' });
        expect(await page.evaluate(() => document.documentElement.dataset.theme), `${path} (${scheme})`).toBe(scheme);
        expect(await startWidgets(page), path).toEqual([]);
        expect(problems, `${path} (${scheme})`).toEqual([]);
      }
      await context.close();
    }
  });

  it('an unknown address gets the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/definitely-missing/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await page.close();
  });

  it('at 1280 px no table of any lesson scrolls sideways, every table shown (widgets started, details open), and every chart text shown is 11 px or more', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const path of lessons) {
      await page.goto(base + path);
      await startWidgets(page);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await page.waitForTimeout(100); // tables filled when opened
      const scrolling = await page.evaluate(() => [...document.querySelectorAll('table')].flatMap((t) => {
        for (let p = t.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth + 1) return [`${t.querySelector('caption')?.textContent?.slice(0, 40) ?? t.className}: ${p.scrollWidth} > ${p.clientWidth}`];
        }
        return [];
      }));
      expect(scrolling, path).toEqual([]);
      // Charts side by side only when each gets the width it is drawn for: none is shrunk.
      const texts = await chartTextSizes(page);
      expect(texts.length, path).toBeGreaterThan(20);
      expect(texts.filter((x) => x.px < 11), path).toEqual([]);
    }
    await context.close();
  });

  it('the home page and every lesson fit a 375 px phone without sideways scrolling, every chart text shown is 11 px or more, and tables are compact with captions that stay in view and a shade where they scroll, widgets started', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    let scrolledWithCaption = 0;
    for (const path of ['/', ...lessons]) {
      await page.goto(base + path);
      await startWidgets(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      const texts = await chartTextSizes(page);
      if (path !== '/') expect(texts.length, path).toBeGreaterThan(20);
      expect(texts.filter((x) => x.px < 11), path).toEqual([]);
      // Tables: a table wider than its box is set compact and scrolls inside it, with its
      // caption kept in view (scrolled to the far right, the caption is still inside the box).
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await page.waitForTimeout(100); // tables filled when opened
      const tables = await page.evaluate(() => [...document.querySelectorAll('.table-scroll table')].map((t) => {
        const box = t.closest('.table-scroll')!;
        const caption = t.querySelector('caption');
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        box.scrollLeft = box.scrollWidth;
        const [b, c] = [box.getBoundingClientRect(), caption?.getBoundingClientRect()];
        return {
          name: caption?.textContent?.slice(0, 40) ?? box.getAttribute('aria-label')?.slice(0, 40),
          fontPx: parseFloat(getComputedStyle(t).fontSize), scrolls,
          shaded: getComputedStyle(box).backgroundImage.split('linear-gradient(').length - 1 === 4, // the shade at the edge that has more
          captionInView: !c || !scrolls || (c.left >= b.left - 1 && c.right <= b.right + 1 && c.width > 0),
        };
      }));
      expect(tables.filter((t) => t.scrolls && t.fontPx > 13).map((t) => `${t.name}: ${t.fontPx}px`), path).toEqual([]);
      expect(tables.filter((t) => !t.captionInView).map((t) => t.name), path).toEqual([]);
      expect(tables.filter((t) => t.scrolls && !t.shaded).map((t) => t.name), path).toEqual([]);
      scrolledWithCaption += tables.filter((t) => t.scrolls && t.name).length;
    }
    expect(scrolledWithCaption).toBeGreaterThan(10); // the check above had wide tables to look at
    await context.close();
  });
});
