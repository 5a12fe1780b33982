// Shareable state, for every widget of every lesson: a reader changes some controls, presses
// "copy link", and the copied address, opened in a fresh browser, shows the same widget
// state: the same `.value`, the same text in every control, the same output text.
// The list below must name every widget the site has: a new widget without an entry fails.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, widgetSettled } from '../support/site';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** A reader's edit: fill a text box, pick a select's option, set a checkbox, or click inside the widget. */
type Edit = { fill: string; text: string } | { select: string; option: string } | { check: string; on: boolean } | { click: string };

/** Lesson → widget tag → the edits a reader makes before sharing. */
const LESSONS: Record<string, Record<string, Edit[]>> = {
  'attention-in-one-head': {
    'one-head-attention': [{ fill: 'sentence', text: 'a cat sat on my mat' }, { select: 'dk', option: '32' }, { check: 'scaled', on: false }, { check: 'causal', on: true }, { fill: 'seed', text: '11' }],
  },
  'one-head-or-several': {
    'one-vs-two-heads': [{ fill: 'sequence', text: 'a b c a b' }, { fill: 'beta', text: '3' }],
    'split-check': [{ select: 'dmodel', option: '24' }, { fill: 'h', text: '6' }, { fill: 'seed', text: '5' }],
  },
  shapes: {
    'shape-tracker': [{ fill: 'b', text: '4' }, { fill: 'n', text: '128' }, { fill: 'dmodel', text: '256' }, { fill: 'h', text: '8' }],
  },
  'counting-parameters-and-cost': {
    'cost-calculator': [{ fill: 'dmodel', text: '256' }, { fill: 'h', text: '16' }, { fill: 'n', text: '2048' }, { check: 'bias', on: false }],
  },
  'merging-heads': {
    'merge-heads': [{ select: 'merge', option: 'concat' }, { fill: 'r', text: '0.5' }, { fill: 'seed', text: '9' }],
  },
  'how-many-heads': {
    'head-sweep': [{ fill: 'heads', text: '2, 8' }, { fill: 'steps', text: '120' }, { fill: 'seed', text: '4' }],
  },
  'are-sixteen-heads-better-than-one': {
    'head-ablation': [{ click: 'button.ab-head[data-layer="1"][data-head="2"]' }, { fill: 'example', text: '21' }],
  },
  'what-heads-look-at': {
    'head-maps': [{ select: 'layer', option: '1' }, { select: 'head', option: '2' }],
  },
  'attention-while-generating': {
    'kv-cache': [{ select: 'model', option: 'gemma-7b' }, { fill: 'n', text: '2048' }, { select: 'bytes', option: '1' }],
    'flash-tiles': [{ fill: 'tile', text: '2' }, { select: 'row', option: '3' }, { check: 'causal', on: true }, { fill: 'seed', text: '9' }],
    'rope-offset': [{ select: 'dk', option: '16' }, { fill: 'shift', text: '500' }, { select: 'span', option: '64' }],
    'cross-attention': [{ fill: 'queries', text: 'der Hund' }, { fill: 'keys', text: 'the dog barks' }, { select: 'head', option: '3' }, { fill: 'seed', text: '11' }],
  },
  'heads-in-real-text': {
    'text-heads': [{ fill: 'text', text: 'a cat, a cat, a cat!' }, { select: 'layer', option: '1' }, { click: 'button.ab-head[data-layer="0"][data-head="2"]' }],
  },
};

/** Every custom element of the page built on the widget base (it has a `spec`), by tag. */
const widgetTags = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.tagName.includes('-') && 'spec' in e).map((e) => e.tagName.toLowerCase()));

/** What a reader can see of a widget: its state, the text of its controls, the text of its output. */
const snapshot = (page: Page, tag: string) =>
  page.locator(tag).evaluate((el) => {
    const w = el as HTMLElement & { value: object };
    const controls = Object.fromEntries(
      [...w.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')].map((c) => [c.name, c instanceof HTMLInputElement && c.type === 'checkbox' ? String(c.checked) : c.value]),
    );
    return { value: JSON.stringify(w.value), controls, output: w.querySelector('[data-output]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '' };
  });

/** Start the widget and wait until it is idle (checkpoints loaded, nothing busy). */
async function settle(page: Page, tag: string): Promise<void> {
  await page.locator(tag).scrollIntoViewIfNeeded();
  await widgetSettled(page, tag);
}

async function edit(page: Page, tag: string, e: Edit): Promise<void> {
  const w = page.locator(tag);
  if ('fill' in e) await w.locator(`[name="${e.fill}"]`).fill(e.text);
  else if ('select' in e) await w.locator(`[name="${e.select}"]`).selectOption(e.option);
  else if ('check' in e) await w.locator(`[name="${e.check}"]`).setChecked(e.on);
  else await w.locator(e.click).click();
}

describe('shareable state: copy link reopens every widget as it was', () => {
  it('the list names every widget on the lesson pages', async () => {
    const { page } = await openPage(browser, base + '/');
    const lessons = await page.locator('a[href^="/lessons/"]').evaluateAll((as) => [...new Set(as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/')[2]))]);
    expect(lessons.sort()).toEqual(Object.keys(LESSONS).sort());
    for (const lesson of lessons) {
      await page.goto(`${base}/lessons/${lesson}/`);
      expect((await widgetTags(page)).sort(), lesson).toEqual(Object.keys(LESSONS[lesson]).sort());
    }
    await page.context().close();
  });

  for (const [lesson, widgets] of Object.entries(LESSONS)) {
    it(`${lesson}: ${Object.keys(widgets).join(', ')}`, async () => {
      const { page, problems } = await openPage(browser, `${base}/lessons/${lesson}/`, { permissions: ['clipboard-read', 'clipboard-write'] });
      const before: Record<string, Awaited<ReturnType<typeof snapshot>>> = {};
      for (const [tag, edits] of Object.entries(widgets)) {
        await settle(page, tag);
        const start = await snapshot(page, tag);
        for (const e of edits) await edit(page, tag, e);
        await settle(page, tag);
        before[tag] = await snapshot(page, tag);
        expect(before[tag].value, `${tag}: the edits change the state`).not.toBe(start.value);
        expect(await page.locator(`${tag} [aria-invalid="true"]`).count(), `${tag}: every edit is valid`).toBe(0);
      }
      // The last widget's copy-link button: the link carries every widget's state on the page.
      const last = Object.keys(widgets).at(-1)!;
      await page.locator(`${last} [data-action="copy-link"]`).click();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toContain(`/lessons/${lesson}/`);
      await page.context().close();

      const again = await openPage(browser, link);
      for (const tag of Object.keys(widgets)) {
        await settle(again.page, tag);
        expect(await snapshot(again.page, tag), tag).toEqual(before[tag]);
      }
      await expect(again.page.locator('[data-notice]:not([hidden])').allTextContents()).resolves.toEqual([]);
      expect([...problems, ...again.problems]).toEqual([]);
      await again.page.context().close();
    });
  }
});

describe('a malformed link falls back to the defaults with a notice', () => {
  const BAD = '<img src=x onerror="document.title=1">%%';
  for (const [lesson, widgets] of Object.entries(LESSONS)) {
    // One link with every field of every widget of the lesson malformed: each field is named
    // in its widget's notice (fields.ts writes one sentence per field), and each widget keeps
    // its defaults. 120 s: a hang guard, not a timing check.
    it(`${lesson}: every field of ${Object.keys(widgets).join(', ')}`, { timeout: 120_000 }, async () => {
      const { page, problems } = await openPage(browser, `${base}/lessons/${lesson}/`);
      const url = new URL(`${base}/lessons/${lesson}/`);
      const defaults: Record<string, string> = {};
      const fieldsOf: Record<string, string[]> = {};
      for (const tag of Object.keys(widgets)) {
        await settle(page, tag);
        defaults[tag] = (await snapshot(page, tag)).value;
        const { prefix, fields } = await page.locator(tag).evaluate((el) => {
          const w = el as HTMLElement & { prefix: string; spec: { fields: { name: string }[] } };
          return { prefix: w.prefix, fields: w.spec.fields.map((f) => f.name) };
        });
        fieldsOf[tag] = fields;
        for (const field of fields) url.searchParams.set(`${prefix}.${field}`, BAD);
      }
      await page.goto(url.toString());
      for (const tag of Object.keys(widgets)) {
        await settle(page, tag);
        const notice = (await page.locator(`${tag} [data-notice]`).textContent()) ?? '';
        for (const field of fieldsOf[tag]) expect(notice, `${tag}.${field}`).toContain(`The link's ${field} was ignored`);
        expect((await snapshot(page, tag)).value, `${tag} keeps the defaults`).toBe(defaults[tag]);
        expect(await page.locator(`${tag} img[src="x"]`).count(), 'the link is never markup').toBe(0);
      }
      expect(await page.title(), 'no handler ran').not.toBe('1');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
