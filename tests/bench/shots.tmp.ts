// temporary: screenshots of built pages (not committed)
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { serveDir } from '../support/static-server';
const pages = process.argv.slice(2);
const { url, close } = await serveDir('dist');
const browser = await chromium.launch(chromiumLaunchOptions());
for (const path of pages) for (const scheme of ['light', 'dark'] as const) for (const width of [1280, 375]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1500);
  const name = `/tmp/shots/${path.replace(/\W+/g, '_')}-${scheme}-${width}.png`;
  await page.screenshot({ path: name, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(name, 'overflow', overflow, errors.length ? 'ERRORS ' + errors.join(' | ') : '');
  await ctx.close();
}
await browser.close(); await close();
