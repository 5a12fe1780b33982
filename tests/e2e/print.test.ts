// A lesson prints as a handout: no site chrome or controls, light colours even from dark
// mode, hints and worked solutions open, the widget's picture kept, and a real PDF.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, widgetReady } from '../support/site';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('print', () => {
  it('a lesson in dark mode prints as a light handout with its solutions and the widget picture', async () => {
    const { page, problems } = await openPage(browser, `${base}/lessons/are-sixteen-heads-better-than-one/`, { colorScheme: 'dark' });
    await page.locator('head-ablation').scrollIntoViewIfNeeded();
    await widgetReady(page, 'head-ablation');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    for (const chrome of ['.site-header', '.sidebar', '.toc', '.site-footer', '.widget-controls', '.figure-actions']) {
      expect(await page.locator(`${chrome}:visible`).count(), chrome).toBe(0);
    }
    expect(await page.locator('.exercise button[type="submit"]:visible').count(), 'no Check buttons on paper').toBe(0);
    const solutions = page.locator('.exercise details.solution > :not(summary)');
    expect(await solutions.count()).toBeGreaterThanOrEqual(3);
    for (const s of await solutions.all()) expect(await s.isVisible()).toBe(true);
    await expect(page.locator('head-ablation [data-metric="accuracy"]').isVisible()).resolves.toBe(true);
    const colours = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));
    expect(colours).toEqual({ bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
