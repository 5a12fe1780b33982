// The interview walkthrough on the built site: every question links to a lesson section
// that exists, quoted numbers are the code's, the read-through works without JavaScript,
// flashcards cycle (not-yet cards come back, known ones leave), progress survives a reload
// and a reset, bad saved progress or blocked storage never breaks the page, keyboard only,
// a phone, print.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseHTML } from 'linkedom';
import { builtHtml, builtPages, launch, openPage } from '../support/site';
import { axeViolations, COLOUR_RULES } from '../support/axe';
import { parameterCount } from '../../src/attention';
import { modelById } from '../../src/lib/models';
import { AGAIN_GAP } from '../../src/interview/deck';
import { STORAGE_KEY } from '../../src/interview/progress';

const base = inject('baseUrl');
const PAGE = '/interview/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = PAGE, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);
const ready = (page: Page) => page.waitForFunction(() => (document.querySelector('interview-deck') as HTMLElement | null)?.dataset.ready === '1');
const cardId = (page: Page) => page.locator('[data-card]').getAttribute('data-card-id');
const progressText = (page: Page) => page.locator('[data-progress-text]').textContent();
const openCards = async (page: Page) => {
  await ready(page);
  await page.getByRole('tab', { name: 'Flashcards' }).click();
};
const total = (page: Page) => page.locator('[data-question]').count();

describe('read-through', () => {
  it('has at least 30 questions, each with a lesson link whose page and section exist', async () => {
    const doc = parseHTML(builtHtml(PAGE)).document;
    const items = [...doc.querySelectorAll('[data-question]')] as Element[];
    expect(items.length).toBeGreaterThanOrEqual(30);
    const pages = builtPages();
    const ids = new Set(items.map((q) => q.getAttribute('data-question')));
    const parsed = new Map<string, Document>(); // each lesson parsed once, not once per question
    const lessonDoc = (path: string) => parsed.get(path) ?? parsed.set(path, parseHTML(builtHtml(path)).document as unknown as Document).get(path)!;
    expect(ids.size).toBe(items.length);
    for (const item of items) {
      const id = item.getAttribute('data-question');
      expect(item.querySelector('h3')?.textContent?.trim().length, id!).toBeGreaterThan(10);
      expect(item.querySelector('[data-answer] p')?.textContent?.trim().length, id!).toBeGreaterThan(40);
      const href = item.querySelector('.iv-learn a')?.getAttribute('href');
      expect(href, id!).toMatch(/^\/lessons\/[a-z0-9-]+\/(#.+)?$/);
      const url = new URL(href!, `http://site${PAGE}`);
      expect(pages, `${id} → ${href}`).toContain(url.pathname);
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor) expect(lessonDoc(url.pathname).getElementById(anchor), `${id} → ${href}`).not.toBeNull();
    }
  });

  it('quotes the numbers the code computes: BERT-base attention parameters per layer', async () => {
    const { page } = await open(PAGE, { javaScriptEnabled: false });
    const bert = modelById('bert-base');
    const expected = parameterCount({ dModel: bert.dModel, h: bert.h, bias: false }).toLocaleString('en');
    const quoted = page.locator('[data-question="bert-parameters"] [data-number="model.bert-base.perLayer"]');
    await expect(quoted.textContent()).resolves.toBe(expected);
    const withBias = page.locator('[data-question="bert-parameters"] [data-number="model.bert-base.perLayerBias"]');
    await expect(withBias.textContent()).resolves.toBe(parameterCount({ dModel: bert.dModel, h: bert.h, bias: true }).toLocaleString('en'));
    // no placeholder or raw TeX left in the text
    const text = await page.locator('#iv-read').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('mjx-container').forEach((m) => m.remove());
      return copy.textContent ?? '';
    });
    expect(text).not.toMatch(/\{\{|\}\}|\$|\\[a-z]+\{/);
    await page.context().close();
  });

  it('reads without JavaScript: every question, answer, typeset math and lesson link; no tabs or cards', async () => {
    const { page } = await open(PAGE, { javaScriptEnabled: false });
    const n = await total(page);
    expect(n).toBeGreaterThanOrEqual(30);
    expect(await page.locator('[data-question] [data-answer]:visible').count()).toBe(n);
    expect(await page.locator('[data-question] .iv-learn a:visible').count()).toBe(n);
    expect(await page.locator('#iv-read mjx-container').count()).toBeGreaterThan(20);
    expect(await page.locator('[role="tablist"]').isVisible()).toBe(false);
    expect(await page.locator('#iv-cards').isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('flashcards', () => {
  it('cycle: a not-yet card comes back, known cards leave and the count grows; progress survives a reload; reset clears it', async () => {
    const { page, problems } = await open();
    await openCards(page);
    const n = await total(page);
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known 0 of ${n}`));
    await expect.poll(() => new URL(page.url()).searchParams.get('iv.mode')).toBe('cards');

    const first = await cardId(page);
    expect(first).toBe(await page.locator('[data-question]').first().getAttribute('data-question'));
    expect(await page.locator('[data-card-answer]').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show answer' }).click();
    await expect(page.locator('[data-card-answer]').textContent()).resolves.toBe(await page.locator(`[data-question="${first}"] [data-answer]`).textContent());
    await page.getByRole('button', { name: /^Not yet/ }).click();
    expect(await cardId(page)).not.toBe(first);

    const knownIds: string[] = [];
    for (let i = 0; i < AGAIN_GAP; i++) {
      knownIds.push((await cardId(page))!);
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.getByRole('button', { name: /^I knew it/ }).click();
      await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known ${i + 1} of ${n}`));
    }
    expect(await cardId(page)).toBe(first); // the not-yet card is back
    expect(new Set(knownIds).size).toBe(AGAIN_GAP);
    await expect(page.locator(`[data-question="${knownIds[0]}"] [data-known-badge]`).isVisible()).resolves.toBe(false); // read-through is hidden in cards mode
    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY))!);
    expect(saved.known).toEqual(knownIds);

    await page.reload();
    await ready(page);
    expect(await page.getByRole('tab', { name: 'Flashcards' }).getAttribute('aria-selected')).toBe('true');
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known ${AGAIN_GAP} of ${n}`));
    const after = await cardId(page);
    expect(knownIds).not.toContain(after);
    expect(after).not.toBe(first); // the not-yet card waits at the back of the deck

    await page.getByRole('tab', { name: 'Read through' }).click();
    for (const id of knownIds) expect(await page.locator(`[data-question="${id}"] [data-known-badge]`).isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'Flashcards' }).click();

    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known ${AGAIN_GAP} of ${n}`));
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByRole('button', { name: 'Yes, reset' }).click();
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known 0 of ${n}`));
    expect(await cardId(page)).toBe(first);
    expect(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY)).toBeNull();
    await page.reload();
    await ready(page);
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known 0 of ${n}`));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a deck of one topic, opened from a link, ends with a done message', async () => {
    const { page, problems } = await open(`${PAGE}?iv.mode=cards&iv.topic=merging`);
    await ready(page);
    const n = await page.locator('[data-question][data-topic="merging"]').count();
    expect(n).toBeGreaterThan(0);
    await expect(page.locator('#iv-deck').inputValue()).resolves.toBe('merging');
    for (let i = 0; i < n; i++) {
      expect(await page.locator(`[data-question="${await cardId(page)}"]`).getAttribute('data-topic')).toBe('merging');
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.getByRole('button', { name: /^I knew it/ }).click();
    }
    await expect(page.locator('[data-done]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-done-text]').textContent()).resolves.toMatch(new RegExp(`all ${n} cards`));
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known ${n} of ${n}`));
    await page.locator('#iv-deck').selectOption('all');
    await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known ${n} of ${await total(page)}`));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works with the keyboard alone, with visible key hints', async () => {
    const { page, problems } = await open();
    await ready(page);
    await page.getByRole('tab', { name: 'Read through' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Flashcards' }).getAttribute('aria-selected')).toBe('true');
    await expect(page.locator('.fc-keys').isVisible()).resolves.toBe(true);
    for (let i = 0; i < 6 && !(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action === 'reveal')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('reveal');
    const first = await cardId(page);
    await page.keyboard.press('Space');
    await expect(page.locator('[data-card-answer]').isVisible()).resolves.toBe(true);
    await page.keyboard.press('n');
    const second = await cardId(page);
    expect(second).not.toBe(first);
    await page.keyboard.press('k'); // not revealed yet: nothing is marked, a hint says why
    await expect(page.locator('[data-card-status]').textContent()).resolves.toMatch(/Show the answer first/);
    await expect(progressText(page)).resolves.toMatch(/^Known 0 of/);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-card-answer]').isVisible()).resolves.toBe(true);
    await page.keyboard.press('k');
    await expect(progressText(page)).resolves.toMatch(/^Known 1 of/);
    expect(await cardId(page)).not.toBe(second);
    await page.keyboard.press('1'); // still unrevealed
    await expect(progressText(page)).resolves.toMatch(/^Known 1 of/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('bad saved progress and blocked storage', () => {
  const cases: [string, string, RegExp][] = [
    ['corrupt JSON', '{"version":1,"known":[', /could not be read/],
    ['wrong shape', '["attention"]', /not in the expected form/],
    ['old version', '{"version":0,"known":[],"again":[]}', /older version/],
    ['unknown ids', '{"version":1,"known":["no-such-question","why-sqrt-dk"],"again":[]}', /One saved mark was for questions that no longer exist/],
  ];
  for (const [name, value, notice] of cases) {
    it(`${name}: the page works, a notice says what happened, no console error`, async () => {
      const { page, problems } = await open();
      await ready(page);
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, value]);
      await page.reload();
      await ready(page);
      await expect(page.locator('[data-notice]').textContent()).resolves.toMatch(notice);
      expect(await page.locator('[data-notice]').isVisible()).toBe(true);
      await openCards(page);
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.getByRole('button', { name: /^I knew it/ }).click();
      const kept = name === 'unknown ids' ? 2 : 1;
      await expect(progressText(page)).resolves.toMatch(new RegExp(`^Known ${kept} of`));
      const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY))!);
      expect(saved.version).toBe(1);
      expect(saved.known).not.toContain('no-such-question');
      await page.reload();
      await ready(page);
      expect(await page.locator('[data-notice]').isVisible()).toBe(false); // reset once, not every visit
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('storage that throws: progress lives in memory for the visit, with a notice', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(base + PAGE);
    await ready(page);
    await expect(page.locator('[data-notice]').textContent()).resolves.toMatch(/does not let the page store data/);
    await openCards(page);
    await page.getByRole('button', { name: 'Show answer' }).click();
    await page.getByRole('button', { name: /^I knew it/ }).click();
    await expect(progressText(page)).resolves.toMatch(/^Known 1 of/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a link with a wrong mode or deck is ignored with a notice', async () => {
    const { page, problems } = await open(`${PAGE}?iv.mode=<b>x</b>&iv.topic=nope`);
    await ready(page);
    await expect(page.locator('[data-notice]').textContent()).resolves.toMatch(/mode “<b>x<\/b>” was ignored.*deck “nope” was ignored/);
    expect(await page.locator('[data-notice] b').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Read through' }).getAttribute('aria-selected')).toBe('true');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('accessibility of the flashcards', () => {
  // The rest of the page is checked by pages.test.ts; here, what only this state shows.
  it('a revealed card and the reset confirmation pass axe, light and dark', async () => {
    const { page, problems } = await open(`${PAGE}?iv.mode=cards`, { colorScheme: 'light' });
    await ready(page);
    await page.getByRole('button', { name: 'Show answer' }).click();
    await page.getByRole('button', { name: 'Reset progress' }).click();
    expect(await axeViolations(page, { include: ['#iv-cards'] })).toEqual([]);
    await page.locator('.theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await axeViolations(page, { include: ['#iv-cards'], rules: COLOUR_RULES })).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('layout', () => {
  it('fits a 375 px phone in both modes', async () => {
    const { page, problems } = await open(PAGE, { viewport: { width: 375, height: 800 } });
    await ready(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await openCards(page);
    await page.getByRole('button', { name: 'Show answer' }).click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('prints the read-through as a Q&A handout, even from flashcards mode', async () => {
    const { page } = await open(`${PAGE}?iv.mode=cards`);
    await ready(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#iv-read').isVisible()).toBe(true);
    expect(await page.locator('#iv-cards').isVisible()).toBe(false);
    expect(await page.locator('[role="tablist"]').isVisible()).toBe(false);
    expect(await page.locator('[data-question] [data-answer]:visible').count()).toBe(await total(page));
    await page.context().close();
  });
});
