// Checks on the built HTML itself: math typeset, code cells equal to src/, links and
// anchors resolve, titles and descriptions present.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { extractNamed, extractPythonDef } from '../../src/lib/extract';
import { builtHtml, builtPages } from '../support/site';

const pages = builtPages();
const parsed = new Map<string, ReturnType<typeof parseHTML>['document']>();
/** The built page, parsed once for the tests below that only read it. */
const docOf = (path: string) => parsed.get(path) ?? parsed.set(path, parseHTML(builtHtml(path)).document).get(path)!;

describe('built pages', () => {
  it('every page has a title, a description and a favicon', () => {
    for (const path of pages) {
      const doc = docOf(path);
      expect(doc.title, path).toMatch(/Head by Head/);
      expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')?.length, path).toBeGreaterThan(20);
      expect(doc.querySelector('link[rel="icon"]'), path).not.toBeNull();
    }
  });

  it('math is typeset with MathJax CHTML and assistive MathML; no raw TeX is left', () => {
    const lessons = pages.filter((p) => p.startsWith('/lessons/'));
    expect(lessons.length).toBeGreaterThan(0);
    for (const path of lessons) {
      const doc = parseHTML(builtHtml(path)).document; // a copy of its own: it removes nodes below
      const math = doc.querySelectorAll('mjx-container[jax="CHTML"]');
      expect(math.length, path).toBeGreaterThan(5);
      expect(doc.querySelectorAll('mjx-assistive-mml math').length, path).toBe(math.length);
      doc.querySelectorAll('mjx-container, pre, code, script, style, template').forEach((n: Element) => n.remove());
      const text = doc.querySelector('main')!.textContent ?? '';
      expect(text, path).not.toMatch(/\$\$|\\frac|\\sqrt|\\mathrm|\\operatorname|\$[^$\s][^$]*\$/);
    }
  });

  it('no page loads math JavaScript or anything from another host', () => {
    for (const path of pages) {
      const html = builtHtml(path);
      expect(html, path).not.toMatch(/<script[^>]+src="https?:\/\//);
      expect(html, path).not.toMatch(/<link[^>]+href="https?:\/\//);
      expect(html, path).not.toMatch(/mathjax[^"]*\.js/i);
    }
  });

  it('every code cell shows exactly the named piece of its file in src/', () => {
    let cells = 0;
    for (const path of pages) {
      for (const cell of docOf(path).querySelectorAll('[data-source]')) {
        const [file, name] = cell.getAttribute('data-source')!.split('#');
        expect(existsSync(file), `${path}: ${file}`).toBe(true);
        const expected = extractNamed(readFileSync(file, 'utf8'), name, file);
        const shown = cell.querySelector('pre code')?.textContent ?? cell.querySelector('pre')?.textContent;
        expect(shown?.replace(/\n$/, ''), `${path}: ${file}#${name}`).toBe(expected);
        // an editable cell's editor opens on the same text (src/cells)
        if (cell.hasAttribute('data-editable')) expect(cell.getAttribute('data-code'), `${path}: ${file}#${name} (editor)`).toBe(expected);
        cells++;
      }
    }
    expect(cells).toBeGreaterThanOrEqual(4);
  });

  it('every PyTorch tab shows exactly the named def of its file in reference/pytorch/, after the TypeScript', () => {
    let tabs = 0;
    for (const path of pages.filter((p) => builtHtml(p).includes('data-python='))) { // parse only pages that have a tab
      for (const cell of docOf(path).querySelectorAll('[data-python]')) {
        const [file, name] = cell.getAttribute('data-python')!.split('#');
        expect(file, `${path}: ${file}`).toMatch(/^reference\/pytorch\/.+\.py$/);
        expect(existsSync(file), `${path}: ${file}`).toBe(true);
        const expected = extractPythonDef(readFileSync(file, 'utf8'), name, file);
        const panels = [...cell.querySelectorAll('[data-panel]')].map((p: Element) => p.getAttribute('data-panel'));
        expect(panels, `${path}: ${file}#${name}`).toEqual(['ts', 'python']); // TypeScript first, for readers without JavaScript
        const shown = cell.querySelector('[data-panel="python"] pre code')?.textContent ?? cell.querySelector('[data-panel="python"] pre')?.textContent;
        expect(shown?.replace(/\n$/, ''), `${path}: ${file}#${name}`).toBe(expected);
        expect(cell.querySelector('[data-panel="python"] pre')?.getAttribute('data-language'), `${path}: ${file}#${name}`).toBe('python');
        tabs++;
      }
    }
    expect(tabs).toBeGreaterThanOrEqual(8);
  });

  it('every internal link and anchor resolves', () => {
    const broken: string[] = [];
    const idsOf = new Map<string, Set<string>>();
    const ids = (path: string) => {
      if (!idsOf.has(path)) idsOf.set(path, new Set([...docOf(path).querySelectorAll('[id]')].map((e: Element) => e.id)));
      return idsOf.get(path)!;
    };
    for (const path of pages) {
      for (const a of docOf(path).querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        if (/^(https?:|mailto:)/.test(href)) continue;
        const url = new URL(href, `http://site${path}`);
        const target = url.pathname;
        if (!pages.includes(target)) {
          broken.push(`${path} → ${href} (no page)`);
          continue;
        }
        const anchor = decodeURIComponent(url.hash.slice(1));
        if (anchor && !ids(target).has(anchor)) broken.push(`${path} → ${href} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the lesson follows the skeleton: why, idea, code, widget, notice, exercises, summary, references', () => {
    for (const path of pages.filter((p) => p.startsWith('/lessons/'))) {
      const doc = docOf(path);
      const h2 = [...doc.querySelectorAll('article h2')].map((h: Element) => h.id);
      const order = ['why-it-matters', 'the-idea', 'the-code', 'try-it', 'what-to-notice', 'exercises', 'summary', 'references'];
      expect(order.map((id) => h2.indexOf(id)).every((i, k, all) => i >= 0 && (k === 0 || i > all[k - 1])), `${path}: ${h2.join(', ')}`).toBe(true);
      expect(doc.querySelectorAll('[data-exercise]').length, path).toBeGreaterThanOrEqual(3);
      expect(doc.querySelectorAll('[data-widget]').length, path).toBeGreaterThanOrEqual(1);
    }
  });
});
