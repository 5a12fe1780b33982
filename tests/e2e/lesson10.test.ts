// Lesson 10 on the built site: the text-heads widget fetches the text model and computes in
// the page exactly what Node computed at build time; typed text redraws, bad text is
// explained beside the box and the picture kept; switching off the previous-token head
// breaks induction; a link opens a chosen state; a missing or corrupt checkpoint says so;
// a reader's edited detector scores every head.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { builtHtml, launch, openPage, widgetReady, SW_BLOCKED } from '../support/site';

const base = inject('baseUrl');
const LESSON = '/lessons/heads-in-real-text/';
const CHECKPOINT = '**/lab/text-checkpoint.json';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON) => openPage(browser, base + path);
const poll = expect.poll;
/** The widget has started and drawn with the fetched model. */
async function live(page: Page): Promise<Locator> {
  const widget = page.locator('text-heads');
  await widget.scrollIntoViewIfNeeded();
  await widgetReady(page, 'text-heads');
  await page.waitForFunction(() => document.querySelector<HTMLElement>('text-heads [data-output]')?.dataset.model === 'live');
  return widget;
}
const view = (widget: Locator) => widget.locator('.th-output').getAttribute('data-view');
/** The detector table's cell for head "L2 H3" and column 1 (previous) or 2 (induction). */
const score = async (widget: Locator, head: string, column: 1 | 2) =>
  Number(await widget.locator('.th-scores tbody tr').filter({ has: widget.page().locator(`th:text-is("${head}")`) }).locator('td').nth(column - 1).textContent());

describe('lesson 10 widget on the page', { timeout: 60_000 }, () => {
  it('computes in the page the numbers Node computed when the site was built, bit for bit', async () => {
    const tag = builtHtml(LESSON).match(/<div[^>]*\bclass="th-output"[^>]*>/)?.[0] ?? '';
    const built = tag.match(/\bdata-view="([^"]*)"/)?.[1];
    expect(built).toBeTruthy();
    const { page, problems } = await open();
    const widget = await live(page);
    const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const inPage = JSON.parse((await view(widget))!);
    const inNode = JSON.parse(decode(built!));
    expect(inPage.losses).toHaveLength(52);
    expect(inPage).toEqual(inNode);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('typed text redraws; empty, unknown characters, too long and markup are explained beside the box and the picture kept', async () => {
    const { page, problems } = await open();
    const widget = await live(page);
    const box = widget.locator('input[name="text"]');
    await box.fill('abcabc');
    await poll(() => widget.locator('.th-strip .th-c').count()).toBe(6);
    expect(await widget.locator('[data-map="head"] svg[data-raster-map]').getAttribute('data-raster-map')).toMatch(/^6\|6\|/);
    await poll(() => new URL(page.url()).searchParams.get('th.text')).toBe('abcabc');
    const before = await widget.locator('[data-output]').innerHTML();
    for (const [typed, message] of [
      ['', /^Type at least 2 characters/],
      ['naïve', /^“ï” is not in the model's alphabet/],
      ['x'.repeat(65), /^At most 64 characters \(this text has 65\)/],
      ['<img src=x onerror="document.title=1">', /^“<”, “=”, “>” are not in the model's alphabet/],
    ] as const) {
      await box.fill(typed);
      await poll(() => widget.locator('[data-error-for="text"]').textContent()).toMatch(message);
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      await expect(widget.locator('[data-output]').innerHTML()).resolves.toBe(before);
    }
    expect(await page.locator('text-heads img').count()).toBe(0);
    await box.press('Enter'); // must not submit or reload
    expect(new URL(page.url()).pathname).toBe(LESSON);
    await box.fill('The Cat.'); // capitals are read as lower case
    await poll(() => widget.locator('[data-error-for="text"]').textContent()).toBe('');
    await expect(widget.locator('.th-ch').allTextContents()).resolves.toEqual(['t', 'h', 'e', '␣', 'c', 'a', 't', '.']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('switching off the previous-token head breaks the induction head; another layer-1 head does much less; the small maps choose the head drawn', async () => {
    const { page, problems } = await open();
    const widget = await live(page);
    const full = await score(widget, 'L2 H3', 2);
    expect(full).toBeGreaterThan(0.3);
    await widget.locator('button.ab-head[data-layer="0"][data-head="2"]').click();
    await poll(() => widget.locator('.th-scores tr.is-off').count()).toBe(1);
    const off = await score(widget, 'L2 H3', 2);
    expect(off).toBeLessThan(full / 2);
    await expect(widget.locator('.th-summary').textContent()).resolves.toMatch(/Switched off: L1 H3\.$/);
    await poll(() => new URL(page.url()).searchParams.get('th.heads')).toBe('1101-1111');
    await widget.locator('[data-preset="all"]').click();
    await widget.locator('button.ab-head[data-layer="0"][data-head="0"]').click();
    await poll(() => widget.locator('.th-summary').textContent()).toMatch(/Switched off: L1 H1\.$/);
    expect(await score(widget, 'L2 H3', 2)).toBeGreaterThan(off);
    // choose L1 H3 from the small maps, by keyboard
    await widget.locator('.hm-pick[data-layer="1"][data-head="3"]').focus();
    await page.keyboard.press('Enter');
    await poll(() => widget.locator('[data-map="head"] .figure-title').textContent()).toMatch(/^Layer 1, head 3/);
    expect(await widget.locator('select[name="layer"]').inputValue()).toBe('1');
    expect(await widget.locator('.hm-pick[data-layer="1"][data-head="3"]').getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link opens the widget in its state; a bad parameter is named and ignored', async () => {
    const { page, problems } = await open(`${LESSON}?th.text=abcd%20abcd&th.layer=1&th.head=3&th.heads=1101-1111&th.bogus=1#th-widget`);
    const widget = await live(page);
    expect(await widget.locator('input[name="text"]').inputValue()).toBe('abcd abcd');
    expect(await widget.locator('button.ab-head[data-layer="0"][data-head="2"]').getAttribute('aria-pressed')).toBe('false');
    await expect(widget.locator('[data-map="head"] .figure-title').textContent()).resolves.toMatch(/^Layer 1, head 3/);
    await page.context().close();
    const bad = await open(`${LESSON}?th.heads=11-11`);
    const w2 = await live(bad.page);
    await expect(w2.locator('[data-notice]').textContent()).resolves.toMatch(/not a head mask/);
    expect(await w2.locator('button.ab-head[aria-pressed="false"]').count()).toBe(0);
    expect([...problems, ...bad.problems]).toEqual([]);
    await bad.page.context().close();
  });

  it("a reader's edited detector scores every head, marked as theirs, and the way back restores the course's", async () => {
    const { page, problems } = await open();
    const widget = await live(page);
    const cell = page.locator('figure[data-editable][data-name="previousTokenScore"]');
    await cell.locator('[data-action="edit"]').click();
    const content = cell.locator('.cm-content');
    await content.waitFor();
    await content.click();
    await page.keyboard.press('ControlOrMeta+a');
    // A new detector in place of the old: the mean weight on the first token.
    await page.keyboard.insertText('export function previousTokenScore(a: AttentionRows): number {\n  let sum = 0;\n  for (let i = 1; i < a.length; i++) sum += a[i][0];\n  return sum / (a.length - 1);\n}');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status'), { timeout: 20_000 }).toBe('ok');
    await expect(widget.locator('.th-scores thead').textContent()).resolves.toMatch(/previous \(your code\)/);
    await expect(widget.locator('[data-edited-banner]').textContent()).resolves.toMatch(/Largest difference from the course’s previousTokenScore: [\d.]+, at L\d H\d/);
    expect(await score(widget, 'L1 H3', 1)).toBeLessThan(0.2); // the previous-token head does not look at the first token
    await widget.getByRole('button', { name: "Back to the course's code" }).click();
    await poll(() => widget.getAttribute('data-edited')).toBeNull();
    await poll(() => widget.locator('.th-scores thead').textContent()).not.toMatch(/your code/);
    expect(await score(widget, 'L1 H3', 1)).toBeGreaterThan(0.8);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('a missing or corrupt text model', () => {
  for (const [name, fulfil, message] of [
    ['missing (404)', { status: 404, body: 'Not found' }, /The trained model is missing \(.*\/lab\/text-checkpoint\.json answered 404\)/],
    ['not JSON', { status: 200, body: '{"settings": ga' }, /not valid JSON: the file is corrupt/],
  ] as const) {
    it(`${name}: a clear message in the widget, the built picture kept, the controls disabled, no console error`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.text() === SW_BLOCKED || (fulfil.status === 404 && /status of 404/.test(m.text()))) return;
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.route(CHECKPOINT, (route) => route.fulfill({ status: fulfil.status, body: fulfil.body, contentType: 'application/json' }));
      await page.goto(base + LESSON);
      const widget = page.locator('text-heads');
      await widget.scrollIntoViewIfNeeded();
      await widgetReady(page, 'text-heads');
      await poll(() => widget.locator('[data-notice]').textContent()).toMatch(message);
      await expect(widget.locator('[data-notice]').textContent()).resolves.toMatch(/picture shows the default text, computed when the site was built/);
      expect(await widget.locator('.th-strip .th-c').count()).toBe(53);
      expect(await widget.locator('input[name="text"]').isDisabled()).toBe(true);
      expect(await widget.locator('button.ab-head').first().isDisabled()).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('watch it form: the small model trained in a Worker', { timeout: 60_000 }, () => {
  it('draws the curves as snapshots arrive; Cancel stops it at once and keeps them; the page keeps answering', async () => {
    const { page, problems } = await open();
    const w = page.locator('text-forming');
    await w.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('text-forming')?.dataset.ready === '1');
    await w.locator('[data-action="train"]').click();
    await poll(() => w.locator('[data-chart="scores"] svg').count(), { timeout: 30_000 }).toBe(1);
    await poll(() => w.locator('[data-progress-text]').textContent()).toMatch(/^Step \d+ of 800$/);
    expect(await w.locator('[data-action="cancel"]').isVisible()).toBe(true);
    await expect(w.locator('[data-chart="loss"] svg').getAttribute('aria-label')).resolves.toMatch(/at each of the \d+ snapshots measured so far/);
    await page.keyboard.press('Escape');
    await poll(() => w.locator('[data-status]').textContent()).toMatch(/^Cancelled at step \d+ of 800; the curves so far stay\.$/);
    expect(await w.locator('[data-chart="scores"] svg').count()).toBe(1);
    expect(await w.locator('[data-action="train"]').isVisible()).toBe(true);
    expect(await w.locator('progress').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a missing corpus sample is said in the widget, not the console', async () => {
    const { page, problems } = await open();
    await page.route('**/lab/text-sample.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    const w = page.locator('text-forming');
    await w.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('text-forming')?.dataset.ready === '1');
    await w.locator('[data-action="train"]').click();
    await poll(() => w.locator('[data-status]').textContent()).toMatch(/^The corpus sample could not be loaded: .*text-sample\.json answered 404/);
    expect(await w.locator('[data-action="train"]').isVisible()).toBe(true);
    // The failed request itself is reported by the browser and the harness; nothing else may be.
    expect(problems.filter((p) => !/404.*text-sample\.json|status of 404/.test(p))).toEqual([]);
    await page.context().close();
  });
});
