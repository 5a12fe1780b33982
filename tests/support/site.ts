// Helpers for page tests: the built pages on disk, and a Chromium to drive.
import { expect } from 'vitest';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';

export { builtHtml, builtPages } from './built';

/**
 * Launch Chromium for page tests. The site registers a service worker that precaches the
 * whole course (src/build/offline.mjs); page tests block it by default, so each fresh
 * context does not download the site again and routes a test sets up are not bypassed.
 * The offline test asks for it with `serviceWorkers: 'allow'`.
 */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options = {}) => newPage({ serviceWorkers: 'block', ...options });
  return browser;
}

/** The warning Chromium logs when a page registers a service worker in a context that blocks them. */
export const SW_BLOCKED = 'Service Worker registration blocked by Playwright';

/** Collect console errors, page errors and failed requests of a page. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.text() === SW_BLOCKED) return; // launch() blocks the service worker on purpose: not a fault of the page
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A reload or navigation cancels what is still loading (the favicon, say): not a fault.
    // A file that is missing still shows up, as its HTTP status below.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/definitely-missing/')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/**
 * Open `url` in a fresh context (1280×900, downloads allowed unless overridden) and watch
 * it for console errors and failed requests.
 */
export async function openPage(browser: Browser, url: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(url);
  return { page, problems };
}

/** Click what starts a download and return the download. */
export async function download(page: Page, trigger: Locator): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  return file;
}

/** The bytes of a download. */
export async function downloadBytes(file: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Wait until the widget `tag` on the page has started. */
export function widgetReady(page: Page, tag: string): Promise<unknown> {
  return page.waitForFunction((t) => (document.querySelector(t) as HTMLElement | null)?.dataset.ready === '1', tag);
}

/** True when the widget element has started and is idle (see widgetSettled). */
const settled = (el: Element | null): boolean =>
  (el as HTMLElement | null)?.dataset.ready === '1' &&
  !el!.querySelector('[aria-busy="true"], .hm-pending, [data-model-status]:not([hidden])') &&
  !/Loading/.test(el!.querySelector('[data-notice]')?.textContent ?? '');

/**
 * Wait until the widget `tag` has started and is idle: nothing busy, no model loading or
 * scoring, no figure still waiting for its numbers (lesson 8's held-out scores).
 */
export async function widgetSettled(page: Page, tag: string): Promise<void> {
  await page.waitForFunction(`(${settled})(document.querySelector(${JSON.stringify(tag)}))`);
}

/**
 * Start the widgets a reader can see now (lecture mode shows one section) as scrolling would,
 * and wait until each has settled. Returns how many.
 */
export async function startShownWidgets(page: Page): Promise<number> {
  const widgets = page.locator('[data-widget]');
  let shown = 0;
  for (let i = 0, n = await widgets.count(); i < n; i++) {
    const w = widgets.nth(i);
    if (!(await w.evaluate((e) => e.getClientRects().length > 0))) continue;
    shown++;
    await w.scrollIntoViewIfNeeded();
    await page.waitForFunction(`(${settled})(document.querySelectorAll('[data-widget]')[${i}])`);
  }
  return shown;
}

/**
 * Start every widget of the page as a reader scrolling down would (a widget starts when it
 * comes into view), one at a time, and wait until each has started and settled. Returns
 * their tags, in page order.
 */
export async function startWidgets(page: Page): Promise<string[]> {
  const widgets = page.locator('[data-widget]');
  const tags: string[] = [];
  for (let i = 0, n = await widgets.count(); i < n; i++) {
    const w = widgets.nth(i);
    tags.push(await w.evaluate((e) => e.tagName.toLowerCase()));
    await w.scrollIntoViewIfNeeded();
    await page.waitForFunction(`(${settled})(document.querySelectorAll('[data-widget]')[${i}])`);
  }
  return tags;
}

/**
 * The exercise with this id, once its script has attached checking to it (`data-ready`).
 * Submitting earlier would let the browser send the form instead of checking it.
 */
export async function readyExercise(page: Page, id: string): Promise<Locator> {
  await page.locator(`#${id}[data-ready]`).waitFor({ state: 'attached' });
  return page.locator(`#${id}`);
}

/**
 * Check a multiple-choice exercise on the page: a wrong option is answered "Not quite",
 * then the right one "Correct.".
 */
export async function checkChoice(page: Page, id: string, correct: number): Promise<void> {
  const ex = await readyExercise(page, id);
  await ex.locator(`input[value="${correct === 0 ? 1 : 0}"]`).check();
  await ex.locator('button[type="submit"]').click();
  await expect(ex.locator('.feedback').textContent()).resolves.toMatch(/Not quite/);
  await ex.locator(`input[value="${correct}"]`).check();
  await ex.locator('button[type="submit"]').click();
  await expect(ex.locator('.feedback').textContent()).resolves.toBe('Correct.');
}
