// Coding exercises on the built site (issue 12 §3, §4, §7; DESIGN §8). The contract tests and
// assistive tools rely on: the element carries data-coding-exercise="<id>", its editor is a
// CodeMirror editor inside it whose text the keyboard replaces (select all, then type), the
// run control is a button named "Run", and after a run data-result is pass | fail | error |
// timeout, with the details in a role="status" region.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openPage } from '../support/site';
import { BROKEN_SOFTMAX, ENDLESS_SOFTMAX, GOOD_SOFTMAX, MHA_SOLUTION, NAIVE_SOFTMAX, OFF_BY_ONE_CAUSAL, SPLIT_BY_ROWS } from '../fixtures/coding-solutions';
import { CODING_EXERCISES } from '../../src/cells/exercises';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** Open the editor (Edit), select all and type `code` with the keyboard. */
async function typeCode(page: Page, ex: Locator, code: string): Promise<void> {
  const editor = ex.locator('.cm-content');
  if (!(await editor.count())) await ex.getByRole('button', { name: 'Edit' }).click();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

/** Press Run and wait for data-result; returns it and the status text. */
async function run(ex: Locator): Promise<{ result: string; status: string; ms: number }> {
  const started = Date.now();
  await ex.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => ex.getAttribute('data-result'), { timeout: 10_000 }).not.toBeNull();
  const ms = Date.now() - started;
  return { result: (await ex.getAttribute('data-result'))!, status: (await ex.getByRole('status').textContent()) ?? '', ms };
}

describe('coding exercises on the page', () => {
  it('lesson 1: pass, fail naming the check, a syntax error with its line, an endless loop stopped, then pass again; nothing in the console', async () => {
    const { page, problems } = await openPage(browser, `${base}/lessons/attention-in-one-head/`);
    const ex = page.locator('[data-coding-exercise="softmax-rows"]');
    await ex.scrollIntoViewIfNeeded();
    expect(await ex.locator('.cm-content').count()).toBe(0); // the editor loads only on Edit

    await typeCode(page, ex, NAIVE_SOFTMAX);
    let r = await run(ex);
    expect(r.result).toBe('fail');
    expect(r.status).toMatch(/failed: logits of ±1e6 stay finite/);
    expect(r.status).toMatch(/got NaN/);

    await typeCode(page, ex, BROKEN_SOFTMAX);
    r = await run(ex);
    expect(r.result).toBe('error');
    expect(r.status).toMatch(/line 3/);

    await typeCode(page, ex, ENDLESS_SOFTMAX);
    r = await run(ex);
    expect(r.result).toBe('timeout');
    expect(r.ms).toBeLessThan(3000);
    expect(r.status).toMatch(/Stopped after 2 s/);
    // The page still answers: a hint opens, and script runs.
    await ex.locator('summary', { hasText: 'Hints' }).click();
    await ex.getByRole('button', { name: /Show hint 1 of/ }).click();
    await expect(ex.locator('.ce-hints li:not([hidden])').count()).resolves.toBe(1);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);

    await typeCode(page, ex, GOOD_SOFTMAX);
    r = await run(ex);
    expect(r.result).toBe('pass');
    expect(r.status).toMatch(/Passed: all \d+ checks/);
    expect(await ex.locator('[data-ce-solved]').isVisible()).toBe(true);
    expect(problems).toEqual([]);

    // Solved is remembered: the practice page and the home page count it.
    await page.goto(`${base}/practice/`);
    await expect(page.locator('.practice-meta [data-progress-ids~="softmax-rows"]').textContent()).resolves.toBe(`1 of ${CODING_EXERCISES.length} exercises solved`);
    expect(await page.locator('[data-coding-exercise="softmax-rows"] [data-ce-solved]').isVisible()).toBe(true);
    await page.goto(`${base}/`);
    await expect(page.locator('[data-progress-ids~="softmax-rows"]').textContent()).resolves.toBe(`1 of ${CODING_EXERCISES.length} exercises solved`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('typical wrong solutions fail with the right check named: an off-by-one causal mask, heads split along rows', async () => {
    const { page, problems } = await openPage(browser, `${base}/practice/`);
    const causal = page.locator('[data-coding-exercise="causal-attention"]');
    await typeCode(page, causal, OFF_BY_ONE_CAUSAL);
    let r = await run(causal);
    expect(r.result).toBe('fail');
    expect(r.status).toMatch(/failed: query 0 sees only key 0/);
    const split = page.locator('[data-coding-exercise="split-merge-heads"]');
    await typeCode(page, split, SPLIT_BY_ROWS);
    r = await run(split);
    expect(r.result).toBe('fail');
    expect(r.status).toMatch(/failed: splitHeads on seeded random inputs/);
    expect(r.status).toMatch(/wrong shape: expected 6×2, got 2×6/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the course\'s solution passes every exercise, pasted from "Show solution" as it is', async () => {
    const { page, problems } = await openPage(browser, `${base}/practice/`);
    for (const { id } of CODING_EXERCISES) {
      const ex = page.locator(`[data-coding-exercise="${id}"]`);
      const code = (await ex.locator('.ce-solution pre').allTextContents()).join('\n\n');
      await typeCode(page, ex, code);
      const r = await run(ex);
      expect(`${id}: ${r.result}`, r.status).toBe(`${id}: pass`);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the interview page has the drills; without JavaScript the starter, hints and solution are readable', async () => {
    const { page, problems } = await openPage(browser, `${base}/interview/`);
    const mha = page.locator('[data-coding-exercise="multi-head-attention"]');
    await typeCode(page, mha, MHA_SOLUTION);
    expect((await run(mha)).result).toBe('pass');
    expect(problems).toEqual([]);
    await page.context().close();

    const noJs = await openPage(browser, `${base}/lessons/attention-in-one-head/`, { javaScriptEnabled: false });
    const ex = noJs.page.locator('[data-coding-exercise="causal-attention"]');
    await expect(ex.locator('[data-ce-static]').textContent()).resolves.toContain('export function causalAttention(q: Matrix, k: Matrix, v: Matrix): Matrix');
    expect(await ex.getByRole('button', { name: 'Run' }).isVisible()).toBe(false);
    await ex.locator('summary', { hasText: 'Hints' }).click();
    await expect(ex.locator('.ce-hints li:visible').count()).resolves.toBeGreaterThanOrEqual(3);
    await ex.locator('summary', { hasText: 'Show solution' }).click();
    await expect(ex.locator('.ce-solution').textContent()).resolves.toContain('export function scaledDotProductAttention');
    await noJs.page.context().close();
  });
});
