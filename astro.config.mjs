// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pagefind from 'astro-pagefind';
import remarkMath from 'remark-math';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { mathjaxIntegration, rehypeMathjaxChtml } from './src/build/mathjax.mjs';
import { rehypeHeadingLinks } from './src/build/headings.mjs';
import { rehypeGlossaryLinks } from './src/build/glossary-links.mjs';
import { contentCheck } from './src/build/content-check.ts';
import { en } from './src/i18n/strings.ts';

export default defineConfig({
  site: 'https://head-by-head.example',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [rehypeMathjaxChtml, rehypeHeadingIds, [rehypeHeadingLinks, { label: en.permalink }], rehypeGlossaryLinks],
    shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' }, defaultColor: false },
  },
  integrations: [contentCheck(), mathjaxIntegration(), mdx(), pagefind()],
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
    // The course draws no maps: Plot's projections (d3-geo) stay out of every page's script.
    resolve: { alias: [{ find: /^d3-geo$/, replacement: fileURLToPath(new URL('./src/build/no-geo.ts', import.meta.url)) }] },
  },
});
