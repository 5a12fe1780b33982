// Search (Pagefind, built with the site) and the glossary: every lesson is found by its
// title, glossary terms are found, the search box works from the keyboard, and the
// glossary lists every term from content/ with its symbol typeset and its lesson linked.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { builtHtml, builtPages, launch, openPage } from '../support/site';
import { glossary } from '../../src/lib/glossary';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** Run a query through the Pagefind API the search page loads; the URLs of the hits, best first. */
const search = (page: Page, query: string, top = 5): Promise<string[]> => page.evaluate(`(async () => {
  const pagefind = await import('/pagefind/pagefind.js');
  const found = await pagefind.search(${JSON.stringify(query)});
  return Promise.all(found.results.slice(0, ${top}).map(async (r) => (await r.data()).url));
})()`);

describe('search', () => {
  it('finds every lesson by its title, and glossary terms', async () => {
    const { page, problems } = await open();
    const lessons = builtPages().filter((p) => /^\/lessons\/[^/]+\/$/.test(p));
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    for (const path of lessons) {
      const title = builtHtml(path).match(/<h1[^>]*>([\s\S]*?)<\/h1>/)![1].replace(/<[^>]+>/g, '').trim();
      expect(await search(page, title), title).toContain(path);
    }
    expect(await search(page, 'head mask', 10)).toContain('/glossary/'); // the practice page and lessons and coding drills use the words too
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('finds a term each lesson teaches (not its title) with that lesson first, and the interview questions', async () => {
    const { page, problems } = await open();
    const terms: Record<string, string> = {
      saturate: 'attention-in-one-head',
      'previous letter': 'one-head-or-several',
      'shape tracker': 'shapes',
      'KV cache': 'counting-parameters-and-cost',
      'averaging cancels': 'merging-heads',
      'guide to choosing h': 'how-many-heads',
      'pruning curve': 'are-sixteen-heads-better-than-one',
      entropy: 'what-heads-look-at',
    };
    for (const [term, lesson] of Object.entries(terms)) {
      const found = (await search(page, term)).filter((u) => u.startsWith('/lessons/'));
      expect(found[0], term).toBe(`/lessons/${lesson}/`);
    }
    expect(await search(page, 'flashcards')).toContain('/interview/');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works from the search box with the keyboard, from the site’s own files only', async () => {
    const { page, problems } = await open();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.keyboard.press('Tab'); // skip link
    const input = page.locator('.site-search input');
    await input.focus();
    await page.keyboard.type('grouped-query');
    await expect.poll(() => page.locator('.site-search .pagefind-ui__result-link').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const hrefs = await page.locator('.site-search .pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/lessons/counting-parameters-and-cost/');
    const attack = '<img src=x onerror=alert(1)>';
    await input.fill(attack);
    // Done when the results for this query are drawn: its message shows the query as text, and
    // no result is still a loading placeholder.
    await expect.poll(() => page.locator('.site-search .pagefind-ui__message').textContent()).toMatch(new RegExp(`results? for ${attack.replace(/[()]/g, '\\$&')}$`));
    await page.waitForFunction(() => !document.querySelector('.site-search .pagefind-ui__loading'));
    expect(await page.locator('.site-search .pagefind-ui__result').count()).toBeGreaterThan(0);
    expect(await page.locator('.site-search img').count()).toBe(0);
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]); // the index ships with the site
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('glossary', () => {
  it('lists every term with an anchor, its symbol typeset, and a link to its lesson', async () => {
    const html = builtHtml('/glossary/');
    for (const term of glossary) {
      expect(html, term.id).toContain(`id="${term.id}"`);
      expect(html, term.id).toContain(`/lessons/${term.lesson}/`);
    }
    expect(html.match(/<mjx-container/g)!.length).toBe(glossary.filter((t) => t.symbol).length);
    expect(html).not.toMatch(/\$[^$]+\$|\\text\{/); // no raw TeX
    const { page, problems } = await openPage(browser, `${base}/glossary/#xi`);
    expect(await page.locator('#xi').textContent()).toMatch(/head mask/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

function open() {
  return openPage(browser, `${base}/search/`);
}
