// Build-time math: TeX → MathJax CHTML with assistive MathML, so pages ship no math
// JavaScript and screen readers get real MathML. Fonts are copied from mathjax-full
// into public/mathjax/ (never a CDN). Used by astro.config.mjs and by components that
// typeset a formula from data.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { CHTML } from 'mathjax-full/js/output/chtml.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AssistiveMmlHandler } from 'mathjax-full/js/a11y/assistive-mml.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

/** URL path where the fonts and stylesheet are served. */
export const MATHJAX_BASE = '/mathjax';

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({ packages: AllPackages.filter((p) => p !== 'bussproofs'), formatError: (_jax, err) => { throw err; } });
const chtml = new CHTML({ fontURL: `${MATHJAX_BASE}/woff-v2`, adaptiveCSS: false });
const doc = mathjax.document('', { InputJax: tex, OutputJax: chtml });

/**
 * Typeset one TeX formula to CHTML markup (with hidden assistive MathML).
 * Throws with the formula in the message when the TeX is invalid, so a bad formula
 * fails the build instead of shipping raw TeX.
 */
export function texToHtml(source, display = false) {
  try {
    const node = doc.convert(source, { display });
    return adaptor.outerHTML(node);
  } catch (err) {
    throw new Error(`MathJax could not typeset ${JSON.stringify(source)}: ${err.message}`);
  }
}

/** Write the CHTML stylesheet and copy the fonts into `publicDir/mathjax/`. */
export function writeMathjaxAssets(publicDir) {
  const require = createRequire(import.meta.url);
  const fonts = join(dirname(require.resolve('mathjax-full/package.json')), 'es5/output/chtml/fonts/woff-v2');
  const out = join(publicDir, 'mathjax');
  mkdirSync(out, { recursive: true });
  cpSync(fonts, join(out, 'woff-v2'), { recursive: true });
  writeFileSync(join(out, 'mathjax.css'), adaptor.textContent(chtml.styleSheet(doc)));
}

/**
 * Rehype plugin: replaces remark-math's `code.math-inline` and `pre > code.math-display`
 * nodes with typeset CHTML.
 */
export function rehypeMathjaxChtml() {
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      const classes = node.properties?.className ?? [];
      if (!Array.isArray(classes) || !classes.includes('language-math')) return;
      const display = classes.includes('math-display');
      const source = node.children.map((c) => c.value ?? '').join('');
      const html = texToHtml(source, display);
      const fragment = fromHtml(html, { fragment: true });
      const target = display && parent?.tagName === 'pre' ? null : node;
      if (target) {
        parent.children.splice(index, 1, ...fragment.children);
      } else {
        // display math: remark-math wraps it as <pre><code>; replace the <pre> itself
        parent.tagName = 'div';
        parent.properties = { className: ['math-display'] };
        parent.children = fragment.children;
      }
      return 'skip';
    });
  };
}

/** Astro integration: assets before the build (and the dev server) start. */
export function mathjaxIntegration() {
  return {
    name: 'head-by-head:mathjax',
    hooks: {
      'astro:config:setup': ({ config }) => writeMathjaxAssets(new URL(config.publicDir).pathname),
    },
  };
}
