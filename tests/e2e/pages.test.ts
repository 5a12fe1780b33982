// Every built page loads with no console error and no failed request, and passes axe
// with no violation in light and in dark mode, on a wide and a phone-sized screen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { builtPages, launch, watchProblems } from '../support/site';

const base = inject('baseUrl');
const pages = builtPages().filter((p) => p !== '/404.html');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('every page', () => {
  it('the site has a home page, a lesson and source pages', () => {
    expect(pages).toContain('/');
    expect(pages.some((p) => p.startsWith('/lessons/'))).toBe(true);
  });

  for (const path of pages) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${path} (${scheme}): no console error, no axe violation`, async () => {
        const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const problems = watchProblems(page);
        await page.goto(base + path, { waitUntil: 'load' });
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        // let widgets take over, so their live DOM is checked too
        await page.evaluate(() => document.querySelectorAll('[data-widget]').forEach((w) => w.scrollIntoView()));
        await page.waitForTimeout(150);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
        expect(summary).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  it('an unknown address gets the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/definitely-missing/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await page.close();
  });

  it('a lesson fits a 375 px phone without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    for (const path of pages.filter((p) => p === '/' || p.startsWith('/lessons/'))) {
      await page.goto(base + path);
      await page.evaluate(() => document.querySelectorAll('[data-widget]').forEach((w) => w.scrollIntoView()));
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
