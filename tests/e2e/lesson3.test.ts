// Lesson 3 on the built site: the shape tracker and the numbers the page states.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, watchProblems, widgetReady } from '../support/site';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('lesson 3', () => {
  it('the tracker reacts to sizes and refuses h that does not divide d_model', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${base}/lessons/shapes/?st.dmodel=512&st.h=8&st.n=128&st.b=1`);
    await widgetReady(page, 'shape-tracker');
    const st = page.locator('shape-tracker');
    await expect(st.locator('tr[data-step="split"] .st-shape').textContent()).resolves.toBe('(1, 128, 8, 64)');
    await st.locator('input[name="h"]').fill('6');
    await expect(st.locator('[data-error-for="h"]').textContent()).resolves.toMatch(/d_model \(512\) is not divisible by h \(6\): the course uses d_k = d_model\/h.*Nearest valid h: 4 \(d_k = 128\) or 8 \(d_k = 64\)/);
    await expect(st.locator('tr[data-step="split"] .st-shape').textContent()).resolves.toBe('(1, 128, 8, 64)');
    expect(problems).toEqual([]);
    await page.close();
  });
  it('shows the padding mask: its code cell and a figure with masked keys and ignored rows', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/lessons/shapes/`);
    await expect(page.locator('figure.code-cell[data-source="src/attention/mask.ts#paddingMask"] pre').first().textContent()).resolves.toContain('export function paddingMask(');
    const figure = page.locator('figure[data-figure="padding-mask"]');
    // the desktop's drawing (a phone's is also in the page, hidden: Figure.astro)
    await expect(figure.locator('rect[data-masked]:not(.figure-phone *)').count()).resolves.toBe(18); // 6 queries × 3 padding keys
    await expect(figure.locator('rect[data-faded]:not(.figure-phone *)').count()).resolves.toBe(9); // 3 padding queries × 3 real keys
    await expect(figure.locator('svg').first().getAttribute('aria-label')).resolves.toMatch(/padded from 3 to 6 tokens/);
    await page.close();
  });
  it('states the computed and cited numbers', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/lessons/shapes/`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('(32, 12, 512, 512)');
    expect(text).toContain('100,663,296');
    for (const n of ['24.9', '25.8', '25.4', '5.29', '4.91']) expect(text).toContain(n);
    await page.close();
  });
});
