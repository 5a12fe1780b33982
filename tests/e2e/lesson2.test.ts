// Lesson 2 on the built site: both widgets react to input, bad input and links.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, watchProblems, widgetReady } from '../support/site';

const base = inject('baseUrl');
const LESSON = '/lessons/one-head-or-several/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('lesson 2', () => {
  it('the one-vs-two widget and the split check work on the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(base + LESSON);
    const th = page.locator('one-vs-two-heads');
    await th.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-vs-two-heads');
    await th.locator('input[name="sequence"]').fill('abcabc');
    await expect(th.locator('[data-map="h2"] rect[data-row]').count()).resolves.toBe(36);
    await th.locator('input[name="beta"]').fill('-3');
    await expect(th.locator('[data-error-for="beta"]').textContent()).resolves.toMatch(/out of range/);
    await expect.poll(() => new URL(page.url()).searchParams.get('th.sequence')).toBe('a b c a b c');

    const sc = page.locator('split-check');
    await sc.scrollIntoViewIfNeeded();
    await widgetReady(page, 'split-check');
    await sc.locator('input[name="h"]').fill('7');
    await expect(sc.locator('[data-error-for="h"]').textContent()).resolves.toMatch(/the course uses d_k = d_model\/h.*Nearest valid h: 6 \(d_k = 2\) or 12 \(d_k = 1\)/);
    await sc.locator('input[name="h"]').fill('12');
    await expect(sc.locator('table.split-table tbody tr').count()).resolves.toBe(12);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('states the computed numbers in the static HTML', async () => {
    const page = await browser.newPage();
    await page.goto(base + LESSON);
    const text = await page.locator('main').textContent();
    expect(text).toMatch(/Mean distance to the target: one head 0\.\d\d, two heads 0\.0\d/);
    expect(text).toMatch(/Largest difference over all 3 heads: 0 \(exactly\)/);
    await page.close();
  });
});
