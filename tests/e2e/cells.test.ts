// Runnable code cells on the built site (issue 12, DESIGN §8): lesson 1's softmax edited to
// drop the max subtraction and what it breaks in the widget; the way back; an endless loop
// stopped within 3 s while the page keeps answering; a syntax error's line; a link that
// restores code without running it; nothing of the editor before Edit; no console output.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openPage, widgetReady } from '../support/site';
import { axeViolations } from '../support/axe';

const base = inject('baseUrl');
const LESSON = '/lessons/attention-in-one-head/';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** Poll generously: on a loaded 2-core machine a page's first worker takes seconds to start. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

/** Record, in the page, when an element's attribute takes each value (performance.now()). */
function stamp(page: Page, selector: string, attribute: string): Promise<void> {
  return page.evaluate(([sel, attr]) => {
    const target = document.querySelector(sel)!;
    const times: Record<string, number> = ((window as unknown as { stamps: Record<string, number> }).stamps = {});
    new MutationObserver(() => {
      const v = target.getAttribute(attr);
      if (v !== null && !(v in times)) times[v] = performance.now();
    }).observe(target, { attributes: true, attributeFilter: [attr] });
  }, [selector, attribute] as const);
}
const stamps = (page: Page) => page.evaluate(() => (window as unknown as { stamps: Record<string, number> }).stamps);

const cellOf = (page: Page, name: string) => page.locator(`figure[data-editable][data-name="${name}"]`);

/** Press Edit on a cell and wait for its editor. */
async function edit(cell: Locator): Promise<Locator> {
  await cell.locator('[data-action="edit"]').click();
  const content = cell.locator('.cm-content');
  await content.waitFor();
  return content;
}

/** Replace the editor's text as a keyboard would: select all, then type. */
async function replaceText(page: Page, content: Locator, text: string): Promise<void> {
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

const NAIVE_SOFTMAX = `export function softmax(row: ArrayLike<number>): number[] {
  // no maximum subtracted: exp overflows to Infinity above 709.78
  const e = Array.from(row, (s) => Math.exp(s));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}`;

describe('runnable cells on lesson 1', { timeout: 180_000 }, () => {
  it('loads nothing of the editor until Edit; the naive softmax gives NaN at large logits, shown in the widget and the cell; back restores the course', async () => {
    const { page, problems } = await open();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const widget = page.locator('one-head-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-head-attention');
    expect(requested.filter((u) => /cell-ui|sandbox/.test(u))).toEqual([]);

    const cell = cellOf(page, 'softmax');
    const content = await edit(cell);
    expect(requested.some((u) => /cell-ui/.test(u))).toBe(true);
    await expect(content.textContent()).resolves.toMatch(/let max = -Infinity/);
    await replaceText(page, content, NAIVE_SOFTMAX);
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('ok');
    await expect(widget.locator('[data-edited-banner]').textContent()).resolves.toMatch(/running your edited code: softmax/i);
    // small logits: the naive version agrees to rounding
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/Largest difference|same attention weights as the course's, exactly/);
    expect(await widget.locator('.oh-summary').textContent()).not.toMatch(/NaN/);

    // token vectors ×30: scores in the thousands; e^s overflows, ∞/∞ = NaN
    await widget.locator('select[name="xscale"]').selectOption('30');
    await poll(() => widget.locator('.oh-summary').textContent()).toMatch(/weights are NaN/);
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/NaN in the attention weights at query “.+” \(\d+\), key/);
    expect(await widget.getAttribute('data-edit-status')).toBe('ok'); // drawn, not thrown

    // the way back: the widget's button puts the course's softmax back
    await widget.getByRole('button', { name: "Back to the course's code" }).click();
    await poll(() => widget.getAttribute('data-edited')).toBeNull();
    await expect(widget.locator('[data-edited-banner]').isHidden()).resolves.toBe(true);
    await expect(widget.locator('.oh-summary').textContent()).resolves.toMatch(/Most focused/);
    await expect(cell.locator('[data-cell-status]').textContent()).resolves.toMatch(/course's code again/);
    // Reset puts the course's text back in the editor
    await cell.getByRole('button', { name: 'Reset' }).click();
    await expect(content.textContent()).resolves.toMatch(/let max = -Infinity/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an endless loop is stopped within 3 s while the page keeps answering; the next run works', async () => {
    const { page, problems } = await open();
    const widget = page.locator('one-head-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-head-attention');
    const cell = cellOf(page, 'softmaxRows');
    const content = await edit(cell);
    await replaceText(page, content, 'export function softmaxRows(scores: Matrix): Matrix {\n  while (true) {}\n}');
    await stamp(page, 'one-head-attention', 'data-edit-status');
    // the main thread's longest stall while the worker spins (a timer every 50 ms)
    await page.evaluate(() => {
      const w = window as unknown as { gap: number; last: number };
      w.gap = 0;
      w.last = performance.now();
      const tick = () => {
        const now = performance.now();
        w.gap = Math.max(w.gap, now - w.last);
        w.last = now;
        if (document.querySelector('one-head-attention')?.getAttribute('data-edit-status') !== 'timeout') setTimeout(tick, 50);
      };
      setTimeout(tick, 50);
    });
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('running');
    // the page answers while the worker spins: a control takes typing and is checked at once
    // (a bad value: a good one would queue another run of the endless loop)
    const seed = widget.locator('input[name="seed"]');
    await seed.fill('x');
    await expect(widget.locator('[data-error-for="seed"]').textContent()).resolves.toMatch(/not a whole number/);
    expect(await widget.getAttribute('data-edit-status')).toBe('running'); // still spinning meanwhile
    await poll(() => widget.getAttribute('data-edit-status')).toBe('timeout');
    const t = await stamps(page);
    expect(t.timeout - t.running).toBeLessThan(3000); // from the widget's call to "stopped"
    // the page never stalled anywhere near the 2 s the worker spun (generous for a loaded machine)
    expect(await page.evaluate(() => (window as unknown as { gap: number }).gap)).toBeLessThan(1000);
    await expect(widget.locator('[data-edited-banner]').textContent()).resolves.toMatch(/stopped after 2 s/);
    await poll(() => cell.getAttribute('data-widget-result')).toBe('timeout');
    await expect(cell.locator('[data-cell-compare]').textContent()).resolves.toMatch(/stopped after 2 s/);
    // a top-level loop is stopped as the run itself
    await replaceText(page, content, 'while (true) {}\nexport function softmaxRows(s: Matrix): Matrix { return s; }');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => cell.getAttribute('data-result')).toBe('timeout');
    await expect(cell.locator('[data-cell-status]').textContent()).resolves.toMatch(/Stopped after 2 s/);
    // a fresh worker serves the next run
    await cell.getByRole('button', { name: 'Reset' }).click();
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('ok');
    await expect(cell.locator('[data-cell-compare]').textContent()).resolves.toMatch(/same attention weights as the course's, exactly/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a syntax error points to its line and column; an exception gives its message and line', async () => {
    const { page, problems } = await open();
    const widget = page.locator('one-head-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-head-attention');
    const cell = cellOf(page, 'scaledDotProductAttention');
    const content = await edit(cell);
    await replaceText(page, content, 'export function scaledDotProductAttention(q: Matrix, k: Matrix, v: Matrix) {\n  const dK = q.columns;\n  return dK +;\n}');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => cell.getAttribute('data-result')).toBe('syntax-error');
    await expect(cell.locator('[data-cell-status]').textContent()).resolves.toMatch(/Syntax error at line 3, column 14/);
    expect(await widget.getAttribute('data-edited')).toBeNull(); // nothing replaced

    await replaceText(page, content, 'export function scaledDotProductAttention(q: Matrix, k: Matrix, v: Matrix) {\n  const dK = q.columns;\n  throw new RangeError(`d_k is ${dK}`);\n}');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('error');
    await expect(widget.locator('[data-edited-banner]').textContent()).resolves.toMatch(/line 3: RangeError: d_k is 16/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('copy link: the link restores the code in the editor and does not run it', async () => {
    const { page, problems } = await open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const cell = cellOf(page, 'softmaxRows');
    const content = await edit(cell);
    const code = 'export function softmaxRows(scores: Matrix): Matrix {\n  // from a link: ünïcode ≤ √\n  return Matrix.zeros(scores.rows, scores.columns);\n}';
    await replaceText(page, content, code);
    await cell.getByRole('button', { name: 'Copy link' }).click();
    await poll(() => cell.locator('[data-action="copy-code-link"]').getAttribute('data-copied')).toBe('1');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#code=[\w-]+$/);
    await page.context().close();

    const second = await openPage(browser, link);
    const again = cellOf(second.page, 'softmaxRows');
    await again.locator('.cm-content').waitFor();
    await expect(again.locator('.cm-content').textContent()).resolves.toContain('// from a link: ünïcode ≤ √');
    await expect(again.locator('[data-cell-status]').textContent()).resolves.toMatch(/has not run/);
    const widget = second.page.locator('one-head-attention');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(second.page, 'one-head-attention');
    expect(await widget.getAttribute('data-edited')).toBeNull();
    expect(await again.getAttribute('data-result')).toBeNull();
    expect([...problems, ...second.problems]).toEqual([]);
    await second.page.context().close();
  });
});

function open(path = LESSON) {
  return openPage(browser, base + path);
}

describe('the open editor on a phone, light and dark', { timeout: 120_000 }, () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`${colorScheme}: passes axe, is one tab stop, and neither it nor the page scrolls sideways at 375 px`, async () => {
      const { page, problems } = await openPage(browser, base + LESSON, { viewport: { width: 375, height: 800 }, colorScheme });
      const cell = cellOf(page, 'softmaxRows');
      await cell.scrollIntoViewIfNeeded();
      const content = await edit(cell);
      await replaceText(page, content, `// ${'a long comment line '.repeat(8)}\n${(await content.textContent())!}`);
      expect(await axeViolations(page, { include: ['figure[data-name="softmaxRows"]'] })).toEqual([]);
      const widths = await page.evaluate(() => {
        const scroller = document.querySelector('figure[data-name="softmaxRows"] .cm-scroller')!;
        return { page: document.documentElement.scrollWidth, scroller: scroller.scrollWidth - scroller.clientWidth };
      });
      expect(widths).toEqual({ page: 375, scroller: 0 });
      await expect(content.getAttribute('tabindex')).resolves.toBe('0');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});

describe('the widgets of lessons 2, 5 and 7 follow edited code', { timeout: 180_000 }, () => {
  it('lesson 2: an edited multiHeadAttention that drops W_O shows its difference; back restores', async () => {
    const { page, problems } = await openPage(browser, `${base}/lessons/one-head-or-several/`);
    const widget = page.locator('one-vs-two-heads');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'one-vs-two-heads');
    const cell = cellOf(page, 'multiHeadAttention');
    const content = await edit(cell);
    // unchanged code first: the same output, exactly
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('ok');
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/same output at h = \d as the course's, exactly/);
    // a layer that forgets W_O: the output is the concatenation
    const text = (await content.textContent())!;
    expect(text).toMatch(/wo/);
    await replaceText(page, content, `${(await page.evaluate(() => (document.querySelector('figure[data-name="multiHeadAttention"]') as HTMLElement).dataset.code!))}`
      .replace(/const output = [^;]+;/, 'const output = concat.clone();'));
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/Largest difference from the course's output at h = \d: [\d.e-]+ at position \d+/);
    await widget.getByRole('button', { name: "Back to the course's code" }).click();
    await poll(() => widget.getAttribute('data-edited')).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lesson 7: a maskedSum that ignores ξ brings switched-off heads back; its difference is reported; back restores', async () => {
    const { page, problems } = await openPage(browser, `${base}/lessons/are-sixteen-heads-better-than-one/?ab.heads=1000-1000`);
    const widget = page.locator('head-ablation');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'head-ablation');
    const accuracy = () => widget.locator('[data-metric="accuracy"] .ab-value').textContent();
    await poll(accuracy).toMatch(/%/);
    const course = await accuracy();
    const cell = cellOf(page, 'maskedSum');
    const content = await edit(cell);
    // unchanged code: the same numbers, exactly
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('ok');
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/same layer sum \(residual \+ heads\) as the course's, exactly/);
    expect(await accuracy()).toBe(course);
    // every head added whatever its ξ: the switched-off heads come back
    const code = (await content.textContent())!;
    expect(code).toMatch(/if \(xi\[head\] === 0\) return;/);
    const edited = await page.evaluate(() => (document.querySelector('figure[data-name="maskedSum"]') as HTMLElement).dataset.code!);
    await replaceText(page, content, edited.replace(/\s*if \(xi\[head\] === 0\) return;[^\n]*/, '').replace('Matrix.mul(c, xi[head])', 'c'));
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/Largest difference from the course's layer sum \(residual \+ heads\): [\d.e-]+ at layer \d, test sequence \d+, position \d, coordinate \d+/);
    await expect(widget.locator('[data-edited-banner]').textContent()).resolves.toMatch(/Running your edited code: maskedSum/);
    const full = await page.evaluate(() => {
      const ev = (document.querySelector('head-ablation') as HTMLElement & { value: { mask: number[][] } });
      return ev.value.mask.flat().join('');
    });
    expect(full).toBe('10001000'); // the switches still say 6 heads are off…
    await poll(accuracy).not.toBe(course); // …yet the accuracy is the full model's
    const withEveryHead = await accuracy();
    await widget.getByRole('button', { name: "Back to the course's code" }).click();
    await poll(() => widget.getAttribute('data-edited')).toBeNull();
    await poll(accuracy).toBe(course);
    await page.evaluate(() => {
      const el = document.querySelector('head-ablation') as HTMLElement & { value: { mask: number[][] } };
      el.value = { ...el.value, mask: [[1, 1, 1, 1], [1, 1, 1, 1]] };
    });
    await poll(accuracy).toBe(withEveryHead);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lesson 5: an edited mergeAverage runs in the widget; an error in it keeps the last picture', async () => {
    const { page, problems } = await openPage(browser, `${base}/lessons/merging-heads/`);
    const widget = page.locator('merge-heads');
    await widget.scrollIntoViewIfNeeded();
    await widgetReady(page, 'merge-heads');
    const cell = cellOf(page, 'mergeAverage');
    const content = await edit(cell);
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('ok');
    await poll(() => cell.locator('[data-cell-compare]').textContent()).toMatch(/same average output as the course's, exactly/);
    const before = await widget.locator('[data-output]').innerHTML();
    await replaceText(page, content, 'export function mergeAverage(heads: readonly Matrix[], wUp: Matrix): Matrix {\n  return heads[0].mmul(wUp.transpose());\n}');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => widget.getAttribute('data-edit-status')).toBe('error');
    await expect(widget.locator('[data-edited-banner]').textContent()).resolves.toMatch(/could not draw this: mergeAverage returned \d+ × \d+; the widget needs \d+ × \d+.*last one drawn/);
    expect(await widget.locator('[data-output]').innerHTML()).toBe(before);
    await cell.getByRole('button', { name: 'Reset' }).click();
    await poll(() => widget.getAttribute('data-edited')).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

