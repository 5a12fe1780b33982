// Every built page loads with no console error and no failed request, in light and in dark
// mode. axe runs, light and dark, on every page of the list below: every lesson and one or
// more pages of each other template. A page of a template the list does not know fails the
// first test, so a new template cannot go unchecked.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { builtHtml, builtPages, launch, startWidgets, watchProblems } from '../support/site';

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
 * The pages axe checks, each in light and in dark mode.
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

describe('every page', () => {
  it('every built page has a known template, and axe checks a page of each one', () => {
    expect(pages.filter((p) => !templateOf(p)), 'pages of a template this test does not know: add it to TEMPLATES and a page of it to AXE_PAGES').toEqual([]);
    expect(AXE_PAGES.filter((p) => !pages.includes(p)), 'axe pages missing from dist/').toEqual([]);
    expect(new Set(AXE_PAGES.map(templateOf))).toEqual(new Set(pages.map(templateOf)));
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    const listings = pages.filter((p) => templateOf(p) === 'source listing');
    const checked = new Set(SOURCE_LISTINGS.flatMap((p) => [...tokenStyles(p)]));
    const unchecked = listings.flatMap((p) => [...tokenStyles(p)].filter((s) => !checked.has(s)).map((s) => `${p}: ${s}`));
    expect(unchecked, 'a token colour no axe-checked source listing shows: add a listing that has it to SOURCE_LISTINGS').toEqual([]);
    expect(checked.size).toBeGreaterThan(5);
  });

  // Concurrent (two at a time, maxConcurrency in vitest.config.ts): each run has its own
  // context, and axe keeps a second core busy while the other page loads.
  for (const path of AXE_PAGES) {
    for (const scheme of ['light', 'dark'] as const) {
      // 120 s: a guard against a hang, not a timing check (axe on lesson 5 takes 13 s alone, far more on a loaded machine)
      it.concurrent(`${path} (${scheme}): no console error, no axe violation`, { timeout: 120_000 }, async ({ expect }) => {
        const { page, context, problems, theme } = await open(path, scheme);
        expect(theme).toBe(scheme);
        await startWidgets(page); // so their live DOM is checked too
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
        expect(summary).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  const others = pages.filter((p) => !AXE_PAGES.includes(p));
  it(`the other ${others.length} pages load with no console error, light and dark`, async () => {
    expect(others.every((p) => templateOf(p) === 'source listing')).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchProblems(page);
      for (const path of others) {
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

  it('the home page and every lesson fit a 375 px phone without sideways scrolling, widgets started', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    for (const path of ['/', ...lessons]) {
      await page.goto(base + path);
      await startWidgets(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
