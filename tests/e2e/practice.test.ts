// Graded practice: every exercise of content/exercises on one page, checked as in the
// lessons; what a reader solves is remembered in the browser and shown per lesson on the
// home page and the practice page; a corrupt record is ignored; any typed answer is
// judged or explained.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launch, openPage, readyExercise } from '../support/site';
import { exerciseIdsIn } from '../../src/lib/exercises';
import { SOLVED_KEY } from '../../src/lib/solved';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const allIds = readdirSync('content/exercises').sort().flatMap((f) => exerciseIdsIn(readFileSync(`content/exercises/${f}`, 'utf8')));

describe('practice', () => {
  it('gathers every exercise, remembers what is solved, and the home page shows it per lesson', async () => {
    const { page, problems } = await openPage(browser, `${base}/practice/`);
    expect(await page.locator('[data-exercise]').evaluateAll((els) => els.map((e) => e.id))).toEqual(allIds);
    const ex = await readyExercise(page, 'l4-bert');
    const progress = page.locator('.practice-lesson:has(#l4-bert) .practice-meta [data-progress-ids]');
    await expect(progress.textContent()).resolves.toMatch(/^0 of 5 exercises solved$/);
    for (const [typed, message] of [['sixty-four', /is not a number/], ['', /Type an answer first/], ['1', /Not quite/]] as const) {
      await ex.locator('input[name="answer"]').fill(typed);
      await ex.locator('button[type="submit"]').click();
      await expect(ex.locator('.feedback').textContent()).resolves.toMatch(message);
    }
    expect(await ex.locator('.exercise-solved').isVisible()).toBe(false);
    await ex.locator('input[name="answer"]').fill('2,359,296');
    await ex.locator('button[type="submit"]').click();
    await expect(ex.locator('.feedback').textContent()).resolves.toBe('Correct.');
    expect(await ex.locator('.exercise-solved').isVisible()).toBe(true);
    await expect.poll(() => progress.textContent()).toBe('1 of 5 exercises solved');
    await page.reload();
    expect(await page.locator('#l4-bert .exercise-solved').isVisible()).toBe(true);
    await page.goto(`${base}/`);
    await expect(page.locator('[data-progress-ids~="l4-bert"]').textContent()).resolves.toBe('1 of 5 exercises solved');
    await expect(page.locator('[data-progress-ids~="l1-std"]').textContent()).resolves.toBe('0 of 8 exercises solved');
    await page.goto(`${base}/lessons/counting-parameters-and-cost/`);
    expect(await page.locator('#l4-bert .exercise-solved').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('ignores a corrupt record without an error', async () => {
    const context = await browser.newContext();
    await context.addInitScript((key) => localStorage.setItem(key, '{"version":1,"solved":'), SOLVED_KEY);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}/`);
    await expect(page.locator('[data-progress-ids~="l4-bert"]').textContent()).resolves.toBe('0 of 5 exercises solved');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads without JavaScript', async () => {
    const { page } = await openPage(browser, `${base}/practice/`, { javaScriptEnabled: false });
    expect(await page.locator('[data-exercise]').count()).toBe(allIds.length);
    await expect(page.locator('.practice-toc small').first().textContent()).resolves.toBe('8 exercises');
    await page.context().close();
  });
});
