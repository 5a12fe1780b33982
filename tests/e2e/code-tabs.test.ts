// The TypeScript / PyTorch tabs of code cells on the built site: the ARIA tabs pattern with
// the keyboard, one language for every cell of the page, remembered; without JavaScript and
// in print both panels show; nothing in the console; no sideways scroll at phone width.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from '../support/site';

const base = inject('baseUrl');
const SHAPES = '/lessons/shapes/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** For each tab group of the page: which panels are visible, and which tab is selected. */
const state = (page: Page) =>
  page.$$eval('[data-code-tabs]', (groups) =>
    groups.map((g) => ({
      visible: [...g.querySelectorAll<HTMLElement>('[data-panel]')].filter((p) => p.offsetHeight > 0).map((p) => p.dataset.panel),
      selected: g.querySelector('[role="tab"][aria-selected="true"]')?.textContent,
    })),
  );

describe('code cell tabs', () => {
  it('are ARIA tabs: ← → Home End select and focus, every cell follows, the choice is remembered', async () => {
    const { page, problems } = await openPage(browser, base + SHAPES);
    const groups = page.locator('[data-code-tabs]');
    expect(await groups.count()).toBe(5);
    await page.waitForFunction(() => document.querySelectorAll('[data-code-tabs][data-ready]').length === 5);
    expect(await state(page)).toEqual(new Array(5).fill({ visible: ['ts'], selected: 'TypeScript' }));

    const first = groups.first();
    const tablist = first.locator('[role="tablist"]');
    await expect(tablist.getAttribute('aria-label')).resolves.toBeTruthy();
    const [ts, py] = [first.locator('[role="tab"][data-lang="ts"]'), first.locator('[role="tab"][data-lang="python"]')];
    await expect(py.getAttribute('tabindex')).resolves.toBe('-1'); // one tab stop per tab list
    const panelId = await py.getAttribute('aria-controls');
    await expect(page.locator(`#${panelId}`).getAttribute('role')).resolves.toBe('tabpanel');
    await expect(page.locator(`#${panelId}`).getAttribute('aria-labelledby')).resolves.toBe(await py.getAttribute('id'));

    await ts.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.lang)).resolves.toBe('python');
    expect(await state(page)).toEqual(new Array(5).fill({ visible: ['python'], selected: 'PyTorch' }));
    await expect(py.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(py.getAttribute('tabindex')).resolves.toBe('0');
    await page.keyboard.press('Tab'); // from the selected tab into its code
    await expect(page.evaluate(() => document.activeElement?.closest('[data-panel]')?.getAttribute('data-panel'))).resolves.toBe('python');
    await py.focus();
    await page.keyboard.press('ArrowRight'); // wraps around
    expect((await state(page))[0]).toEqual({ visible: ['ts'], selected: 'TypeScript' });
    await page.keyboard.press('End');
    expect((await state(page))[0]).toEqual({ visible: ['python'], selected: 'PyTorch' });
    await page.keyboard.press('Home');
    expect((await state(page))[0]).toEqual({ visible: ['ts'], selected: 'TypeScript' });
    await groups.nth(2).locator('[role="tab"][data-lang="python"]').click();
    expect(await state(page)).toEqual(new Array(5).fill({ visible: ['python'], selected: 'PyTorch' }));

    await page.goto(base + '/lessons/attention-in-one-head/'); // same browser storage
    await page.waitForFunction(() => document.querySelector('[data-code-tabs][data-ready]'));
    expect(await state(page)).toEqual(new Array(2).fill({ visible: ['python'], selected: 'PyTorch' }));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('without JavaScript, and in print, show both panels, TypeScript first, and no tab list', async () => {
    const { page } = await openPage(browser, base + SHAPES, { javaScriptEnabled: false });
    expect(await state(page)).toEqual(new Array(5).fill({ visible: ['ts', 'python'], selected: undefined }));
    expect(await page.locator('[data-tablist]:visible').count()).toBe(0);
    await page.context().close();

    const { page: printed, problems } = await openPage(browser, base + SHAPES);
    await printed.waitForFunction(() => document.querySelectorAll('[data-code-tabs][data-ready]').length === 5);
    await printed.emulateMedia({ media: 'print' });
    expect((await state(printed)).map((s) => s.visible)).toEqual(new Array(5).fill(['ts', 'python']));
    expect(await printed.locator('[role="tablist"]:visible').count()).toBe(0);
    expect(problems).toEqual([]);
    await printed.context().close();
  });

  it('fit a 375 px screen: the page does not scroll sideways, the code scrolls inside its cell', async () => {
    const { page, problems } = await openPage(browser, base + SHAPES, { viewport: { width: 375, height: 800 } });
    await page.waitForFunction(() => document.querySelectorAll('[data-code-tabs][data-ready]').length === 5);
    await page.locator('[data-code-tabs] [role="tab"][data-lang="python"]').first().click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const tabs = await page.locator('[data-code-tabs] [role="tab"]').first().boundingBox();
    expect(tabs!.height).toBeGreaterThanOrEqual(24); // a finger-sized target
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
