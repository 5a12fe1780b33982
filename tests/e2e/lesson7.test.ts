// Lesson 7 on the built site: switching heads recomputes accuracy, loss and answers from
// the fetched checkpoint (and agrees with the shipped ablation results); presets and the
// example control; bad links and input; a missing or corrupt checkpoint is explained;
// retraining in the Worker shows progress, can be cancelled, and reproduces the model.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { download, downloadBytes, launch, openPage, widgetReady, readyExercise } from '../support/site';
import results from '../../content/lab/results.json';

const base = inject('baseUrl');
const LESSON = '/lessons/are-sixteen-heads-better-than-one/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const open = (path = LESSON, options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, base + path, options);
/** Wait until the widget has started and its model is in (the output is no longer busy). */
const loaded = async (page: Page) => {
  await page.locator('head-ablation').scrollIntoViewIfNeeded();
  await widgetReady(page, 'head-ablation');
  await page.waitForFunction(() => {
    const el = document.querySelector('head-ablation');
    return el && !el.querySelector('[data-output]')!.hasAttribute('aria-busy') && !el.querySelector('[data-notice]')!.textContent!.includes('Loading');
  });
};
const accuracy = (page: Page) => page.locator('head-ablation [data-metric="accuracy"] .ab-value').textContent();
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const head = (page: Page, layer: number, h: number) => page.locator(`head-ablation button.ab-head[data-layer="${layer}"][data-head="${h}"]`);

describe('lesson 7 widget', () => {
  it('switching a head recomputes accuracy and answers, as the shipped ablation says', async () => {
    const { page, problems } = await open();
    await loaded(page);
    const keep = results.keepOne.find((k) => k.layer === 0 && k.head === 3)!;
    await expect(accuracy(page)).resolves.toBe(pct(keep.accuracy)); // the opening state: only L1 H4 in layer 1
    await page.locator('head-ablation [data-preset="all"]').click();
    await expect(accuracy(page)).resolves.toBe(pct(results.full.accuracy));
    for (const a of results.ablateOne) {
      await head(page, a.layer, a.head).click();
      await expect(accuracy(page), `without L${a.layer + 1} H${a.head + 1}`).resolves.toBe(pct(a.accuracy));
      await expect(head(page, a.layer, a.head).getAttribute('aria-pressed')).resolves.toBe('false');
      await head(page, a.layer, a.head).click();
    }
    // The critical head off: most answers turn wrong, and the URL says which heads are on.
    await head(page, 0, 3).click();
    expect(await page.locator('head-ablation .ab-model td.is-wrong').count()).toBeGreaterThan(8);
    await expect.poll(() => new URL(page.url()).searchParams.get('ab.heads')).toBe('1110-1111');
    // Keyboard: the switches are buttons in the tab order.
    await head(page, 0, 3).focus();
    await page.keyboard.press('Enter');
    await expect(accuracy(page)).resolves.toBe(pct(results.full.accuracy));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('presets, every head off, and the example control with bad input', async () => {
    const { page, problems } = await open();
    await loaded(page);
    await page.locator('head-ablation [data-preset="first-1"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ab.heads')).toBe('1000-1000');
    await page.locator('head-ablation [data-preset="best"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ab.heads')).toBe('0001-0010'); // the highest I_h in each layer of the shipped results
    for (const [l, h] of [[0, 3], [1, 2]]) await head(page, l, h).click();
    await expect(page.locator('head-ablation [data-note]').textContent()).resolves.toMatch(/Every head is off/);
    const box = page.locator('head-ablation input[name="example"]');
    const before = await page.locator('head-ablation .ab-examples').innerHTML();
    for (const [text, message] of [['0', /out of range: use 1 to 253/], ['<b>5</b>', /not a whole number/], ['', /Type a first example/]] as const) {
      await box.fill(text);
      await expect(page.locator('head-ablation [data-error-for="example"]').textContent()).resolves.toMatch(message);
      await expect(page.locator('head-ablation .ab-examples').innerHTML()).resolves.toBe(before);
    }
    expect(await page.locator('head-ablation [data-output] b').count()).toBe(0);
    await box.fill('9');
    await expect(page.locator('head-ablation .ab-example caption').first().textContent()).resolves.toMatch(/^Sequence 9:/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a link reopens the state; a malformed link falls back with a notice', async () => {
    let { page, problems } = await open(`${LESSON}?ab.heads=1111-0111&ab.example=17`);
    await loaded(page);
    const a = results.ablateOne.find((x) => x.layer === 1 && x.head === 0)!;
    await expect(accuracy(page)).resolves.toBe(pct(a.accuracy));
    await expect(page.locator('head-ablation .ab-example caption').first().textContent()).resolves.toMatch(/^Sequence 17:/);
    expect(problems).toEqual([]);
    await page.context().close();
    ({ page, problems } = await open(`${LESSON}?ab.heads=11x1-2`));
    await loaded(page);
    await expect(page.locator('head-ablation [data-notice]').textContent()).resolves.toMatch(/heads was ignored .*2 groups of 4 digits/);
    await expect.poll(() => new URL(page.url()).searchParams.get('ab.heads')).toBe('0001-1111'); // the defaults, now in the URL
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a missing or corrupt checkpoint is explained in the widget, without console errors', async () => {
    for (const [body, status, message] of [['', 404, /missing .*404/], ['{"settings": 1', 200, /not valid JSON/], ['{"settings":{"task":{"vocab":7,"seqLen":8},"model":{"dModel":16,"h":4,"layers":2,"dHidden":32,"causal":true}},"params":{}}', 200, /corrupt: the checkpoint is missing tokenEmbedding/]] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
      await page.route('**/lab/checkpoint.json', (route) => route.fulfill({ status, body, contentType: 'application/json' }));
      await page.goto(base + LESSON);
      await page.locator('head-ablation').scrollIntoViewIfNeeded();
      await widgetReady(page, 'head-ablation');
      await expect.poll(() => page.locator('head-ablation [data-notice]').textContent()).toMatch(message);
      await expect(page.locator('head-ablation [data-notice]').textContent()).resolves.toMatch(/retrain the model in this page/);
      expect(await page.locator('head-ablation .ab-metrics').count()).toBe(1); // the static picture stays
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('retraining in the Worker shows progress, can be cancelled, and reproduces the shipped model', async () => {
    const { page, problems } = await open();
    await loaded(page);
    const w = page.locator('head-ablation');
    await w.locator('[data-action="retrain"]').click();
    await expect.poll(() => w.locator('[data-progress-text]').textContent(), { timeout: 30_000 }).toMatch(/Step (50|75|100)/);
    await page.keyboard.press('Escape');
    await expect(w.locator('[data-retrain-status]').textContent()).resolves.toMatch(/Cancelled after step \d+ of 300: the model in use is unchanged/);
    expect(await w.locator('[data-action="retrain"]').isVisible()).toBe(true);
    await w.locator('[data-action="retrain"]').click();
    await expect.poll(() => w.locator('[data-retrain-status]').textContent(), { timeout: 60_000 }).toMatch(/Largest difference from the shipped weights: 0, the same model bit for bit/);
    expect(await w.locator('[data-curve] svg path').count()).toBeGreaterThan(1);
    await expect(accuracy(page)).resolves.toBe(pct(results.keepOne.find((k) => k.layer === 0 && k.head === 3)!.accuracy));
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('reads without JavaScript, and its figures download', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    for (const id of ['ablation-grid', 'ablation-keep-one', 'ablation-importance', 'ablation-pruning']) expect(await page.locator(`figure[data-figure="${id}"] svg:not(.figure-phone svg)`).count(), id).toBe(1);
    await expect(page.locator('head-ablation [data-metric="accuracy"] .ab-value').textContent()).resolves.toBe(pct(results.keepOne.find((k) => k.layer === 0 && k.head === 3)!.accuracy));
    await page.context().close();
    const live = await open();
    const svg = await downloadBytes(await download(live.page, live.page.locator('figure[data-figure="ablation-pruning"] [data-download="svg"]')));
    expect(svg.toString('utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
    const png = await downloadBytes(await download(live.page, live.page.locator('figure[data-figure="ablation-grid"] [data-download="png"]')));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(live.problems).toEqual([]);
    await live.page.context().close();
  });

  it('quotes the regenerated results: importance on the validation split, and where random pruning is ahead', async () => {
    const { page } = await open(LESSON, { javaScriptEnabled: false });
    const quoted = (id: string) => page.locator(`[data-number="${id}"]`).first().textContent();
    await expect(quoted('ablation.validation.size')).resolves.toBe(String(results.settings.validation.size));
    await expect(quoted('ablation.validation.seed')).resolves.toBe(String(results.settings.validation.seed));
    const { importance: imp, random } = results.pruning;
    const inner = imp.map((p, k) => ({ k, gap: random[k].accuracy - p.accuracy })).slice(1, -1);
    await expect(quoted('ablation.prune.importanceAhead')).resolves.toBe(String(inner.filter((x) => x.gap < 0).length));
    await expect(quoted('ablation.prune.randomAheadAt')).resolves.toBe(inner.filter((x) => x.gap > 0).map((x) => x.k).join(', '));
    // The Taylor step is typeset, and the lab's validation split is shown from its file.
    await expect(page.locator('main').textContent()).resolves.toMatch(/ranking heuristic/);
    expect(await page.locator('[data-source="src/training/lab.ts#labValidationSet"], [data-source$="#labValidationSet"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('lesson 7 exercises', () => {
  it('a percent answer is read with or without “%”; the fraction is wrong, with a hint', async () => {
    const { page, problems } = await open();
    const ex = await readyExercise(page, 'l7-share');
    const answer = async (typed: string) => {
      await ex.locator('input[name="answer"]').fill(typed);
      await ex.locator('button[type="submit"]').click();
      return ex.locator('.feedback').textContent();
    };
    await expect(answer('0.0625')).resolves.toMatch(/looks like a fraction; this question asks for a percentage/);
    await expect(answer('6.25%')).resolves.toBe('Correct.');
    await expect(answer('6.25')).resolves.toBe('Correct.');
    await expect(answer('<b>6%</b>')).resolves.toMatch(/is not a number/);
    expect(await ex.locator('.feedback b').count()).toBe(0); // typed text is never markup
    const imp = await readyExercise(page, 'l7-importance');
    await expect(imp.textContent()).resolves.toMatch(/each run through the model on its\s+own \(not as one batch\)/);
    await imp.locator('input[name="answer"]').fill(String(results.settings.validation.size));
    await imp.locator('button[type="submit"]').click();
    await expect(imp.locator('.feedback').textContent()).resolves.toBe('Correct.');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
