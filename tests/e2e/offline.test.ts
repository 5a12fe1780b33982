// Offline after one visit: a reader opens the course once with a network; the service
// worker precaches the site (src/build/offline.mjs). With the network cut, every lesson
// opens (its widgets start, its lab checkpoint loads), search answers, and the lab model
// retrains in its Worker. Also: what the precache holds, and the web app manifest.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { builtPages, launch, startWidgets, watchProblems } from '../support/site';

const base = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => browser?.close());

/** URLs the built service worker precaches. */
const precached = (): string[] => [...readFileSync('dist/sw.js', 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);

describe('offline after one visit', () => {
  it('precaches every page, script, style, font, the checkpoint and the search index', () => {
    const urls = new Set(precached());
    for (const page of builtPages()) expect(urls, page).toContain(page.endsWith('/') ? `${page.slice(1)}index.html` : page.slice(1));
    for (const needed of ['lab/checkpoint.json', 'pagefind/pagefind.js', 'manifest.webmanifest', 'mathjax/mathjax.css']) expect(urls).toContain(needed);
    expect([...urls].some((u) => /^pagefind\/.*\.pf_meta$/.test(u))).toBe(true);
    expect([...urls].some((u) => /^mathjax\/.*\.woff2?$/.test(u))).toBe(true);
    const manifest = JSON.parse(readFileSync('dist/manifest.webmanifest', 'utf8'));
    expect(manifest).toMatchObject({ short_name: 'Head by Head', display: 'standalone', start_url: '/' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it('with the network cut, every lesson opens, search answers and the lab model retrains', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${base}/`);
    // The worker has installed (every precached file fetched) once it is active.
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, { timeout: 120_000 });
    await context.setOffline(true);
    expect(await page.evaluate(() => fetch('/definitely-not-cached.txt').then(() => 'online', () => 'offline'))).toBe('offline');
    problems.length = 0; // that failed request was the point: the network is really cut

    const lessons = builtPages().filter((p) => /^\/lessons\/[^/]+\/$/.test(p));
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    for (const path of lessons) {
      await page.goto(`${base}${path}`);
      await expect(page.locator('h1').textContent(), path).resolves.toBeTruthy();
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), path).toBe(true);
      await startWidgets(page);
    }

    await page.goto(`${base}/search/`);
    // As the search page does: Pagefind's own module, from the precache.
    const hits: string[] = await page.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      const found = await pagefind.search('head mask');
      return Promise.all(found.results.slice(0, 5).map(async (r) => (await r.data()).url));
    })()`);
    expect(hits.length).toBeGreaterThan(0);

    await page.goto(`${base}/lessons/are-sixteen-heads-better-than-one/?ab.heads=1111-1111`);
    const w = page.locator('head-ablation');
    await w.scrollIntoViewIfNeeded();
    await startWidgets(page);
    await w.locator('[data-action="retrain"]').click();
    await expect.poll(() => w.locator('[data-retrain-status]').textContent(), { timeout: 90_000 }).toMatch(/Largest difference from the shipped weights: 0/);

    expect(problems).toEqual([]);
    await context.setOffline(false);
  }, 300_000);
});
