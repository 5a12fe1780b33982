// Offline after one visit: the options of the service worker (@vite-pwa/astro, which runs
// Workbox's generateSW over dist/ once the build is done). Every page, script, style, math
// font, the lab's checkpoint and the search index are precached on the first visit, so a
// classroom without a network can still open every lesson, search and retrain the lab model.
// A new build has new revisions: the new worker waits, the page offers a reload
// (src/components/offline-client.ts), and on reload it replaces the old cache.

/** Files of dist/ that go into the precache: everything the site serves. */
export const PRECACHE_PATTERNS = ['**/*.{html,js,mjs,css,json,svg,png,ico,woff,woff2,txt,webmanifest,wasm}', 'pagefind/**/*'];

/**
 * @param {{ siteTitle: string; siteTagline: string; siteDescription: string }} strings
 * @returns {import('@vite-pwa/astro').PwaOptions}
 */
export function offlineOptions(strings) {
  return {
    registerType: 'prompt',
    injectRegister: null, // registered by src/components/offline-client.ts, which also shows the reload notice
    includeAssets: ['favicon.svg'],
    manifest: {
      name: `${strings.siteTitle}: ${strings.siteTagline}`,
      short_name: strings.siteTitle,
      description: strings.siteDescription,
      lang: 'en',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#fdfcfa',
      theme_color: '#0b5cad',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: PRECACHE_PATTERNS,
      // Widget links carry their state in the query (?oh.dk=64): the page is the same file.
      ignoreURLParametersMatching: [/.*/],
      // Every page is precached; an unknown address should get the network's 404, not the home page.
      navigateFallback: null,
      // The lab checkpoint and the search index are a few MB at most; nothing large is left out.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      cleanupOutdatedCaches: true,
      // Keep pages under their file names ("lessons/x/index.html"): Workbox's directory index
      // then serves /lessons/x/ from them. (The integration's own transform renames them
      // "lessons/x", which a request for /lessons/x/ never matches.)
      manifestTransforms: [async (entries) => ({ manifest: entries, warnings: [] })],
      sourcemap: false,
    },
  };
}
