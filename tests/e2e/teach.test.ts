// The lecturers' page: linked from the home page and from lecture mode; every stop's link
// opens its lesson with the widget in the stated state (read back from the widget's own
// URL, which it rewrites from its state once started), with no notice and no console error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, widgetSettled } from '../support/site';
import { stopHref, teachingPaths } from '../../src/lib/teaching';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('teaching paths page', () => {
  it('is linked from the home page and from lecture mode, and lists every stop with its link', async () => {
    const { page, problems } = await openPage(browser, `${base}/`);
    await page.getByRole('link', { name: 'Teach it in 90 minutes' }).click();
    await page.waitForURL(/\/teach\/$/);
    const stops = teachingPaths().flatMap((p) => p.stops);
    const hrefs = await page.locator('a.teach-open').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(stops.map((s) => stopHref(s)));
    await page.goto(`${base}/lessons/shapes/?lecture=1`);
    await expect(page.locator('.lecture-bar a.lecture-teach').getAttribute('href')).resolves.toBe('/teach/');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  const stops = teachingPaths().flatMap((p) => p.stops.map((stop) => ({ path: p.id, stop })));
  const unique = [...new Map(stops.map((s) => [stopHref(s.stop), s])).values()];
  it.each(unique.map((s) => [stopHref(s.stop), s] as const))('%s opens its widget in the stated state', async (href, { stop }) => {
    const { page, problems } = await openPage(browser, base + href);
    const widget = page.locator(stop.widget.tag).first();
    await widget.scrollIntoViewIfNeeded();
    await widgetSettled(page, stop.widget.tag);
    for (const [name, value] of Object.entries(stop.widget.state)) {
      await expect.poll(() => new URL(page.url()).searchParams.get(`${stop.widget.key}.${name}`), { message: `${stop.widget.key}.${name}` }).toBe(value);
    }
    await expect(widget.locator('[data-notice]').first().textContent()).resolves.not.toMatch(/ignored|did not fit|Not applied/);
    expect(new URL(page.url()).hash).toBe(`#${stop.section}`);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
