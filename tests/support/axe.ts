// axe-core, run in the page itself. @axe-core/playwright's AxeBuilder runs axe frame by
// frame and then finishes the run in a second, blank page, returning every passing node
// too: on a lesson (5–8 thousand elements) that took 10–15 s, against 3–5 s for one
// `axe.run` asked for violations only. The site has no iframes, and the helper fails if a
// page gains one, since a direct run would not look inside it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The rules whose result depends on the colour scheme: text contrast, and links told from
 * the text around them by colour alone. Every other rule looks at structure and names,
 * which are the same in light and dark mode.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** What to run and where: `rules` only (default: every rule axe enables by default, WCAG 2 A and AA and best practices), or all but `skip`; never inside elements matching `exclude`. */
export interface AxeRun {
  rules?: string[];
  skip?: string[];
  /** Check only inside these elements (default: the whole page). */
  include?: string[];
  exclude?: string[];
}

/**
 * Run axe on the page's document and return one line per violation: rule, help and up to
 * three of the offending elements.
 */
export async function axeViolations(page: Page, run: AxeRun = {}): Promise<string[]> {
  const frames = await page.locator('iframe, frame').count();
  if (frames > 0) throw new Error(`axeViolations: the page has ${frames} iframe(s), which a direct axe.run does not check; use AxeBuilder from @axe-core/playwright there`);
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const options = {
    resultTypes: ['violations'],
    ...(run.rules ? { runOnly: { type: 'rule', values: run.rules } } : {}),
    ...(run.skip ? { rules: Object.fromEntries(run.skip.map((r) => [r, { enabled: false }])) } : {}),
  };
  const context = { include: (run.include ?? ['html']).map((s) => [s]), exclude: (run.exclude ?? []).map((s) => [s]) };
  return page.evaluate(
    `axe.run(${JSON.stringify(context)}, ${JSON.stringify(options)}).then((r) => r.violations.map((v) =>
      v.id + ': ' + v.help + ' (' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ') + ')'))`,
  ) as Promise<string[]>;
}
