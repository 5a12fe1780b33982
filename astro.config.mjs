// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pagefind from 'astro-pagefind';
import AstroPWA from '@vite-pwa/astro';
import remarkMath from 'remark-math';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { mathjaxIntegration, rehypeMathjaxChtml } from './src/build/mathjax.mjs';
import { rehypeHeadingLinks } from './src/build/headings.mjs';
import { rehypeGlossaryLinks } from './src/build/glossary-links.mjs';
import { contentCheck } from './src/build/content-check.ts';
import { en } from './src/i18n/strings.ts';
import { offlineOptions } from './src/build/offline.mjs';

/** The chunk a module of the pages' scripts goes to (see vite.build.rollupOptions); undefined: Rollup decides. */
function chunkOf(/** @type {string} */ id) {
  if (id.includes('/node_modules/ml-matrix/')) return 'ml-matrix';
  if (/\/src\/attention\/(heads|random|exactmath)\.ts$/.test(id)) return 'numbers';
  if (/\/src\/attention\/(softmax|mask|linear|scaledDotProduct|split|multiHead|randomMatrix)\.ts$/.test(id)) return 'attention';
  return undefined;
}

export default defineConfig({
  site: 'https://head-by-head.example',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [rehypeMathjaxChtml, rehypeHeadingIds, [rehypeHeadingLinks, { label: en.permalink }], rehypeGlossaryLinks],
    shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' }, defaultColor: false },
  },
  // The service worker comes last: it precaches what the others wrote to dist/, the search
  // index included (src/build/offline.mjs says what and why).
  integrations: [contentCheck(), mathjaxIntegration(), mdx(), pagefind(), AstroPWA(offlineOptions(en))],
  devToolbar: { enabled: false },
  vite: {
    build: {
      assetsInlineLimit: 0,
      // ml-matrix in a chunk of its own, and the reference core in two: what uses ml-matrix,
      // and the plain numbers (head sizes, seeded randomness, exp/log) that the training
      // engine needs too. Rollup would otherwise fold ml-matrix into the widgets' shared code,
      // so lessons 6–8, whose widgets run on the engine, would load it for nothing; and it
      // would cut the core into many small files, each with its own overhead. Measured with
      // tests/bench/page-js.ts: every lesson ≤ 120 KB gzip.
      rollupOptions: { output: { manualChunks: chunkOf } },
    },
    // Every worker is a module worker ({ type: 'module' }); the cell sandbox's loads the
    // exercise checks (src/cells/exercises/run.ts) as a chunk of its own, which Vite's
    // default worker format (iife) cannot split.
    worker: { format: 'es' },
    // The course draws no maps: Plot's projections (d3-geo) stay out of every page's script.
    resolve: { alias: [{ find: /^d3-geo$/, replacement: fileURLToPath(new URL('./src/build/no-geo.ts', import.meta.url)) }] },
  },
});
