import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { chromiumLaunchOptions } from './tests/chromium';

/**
 * vitest's order, with the page tests first. On a fresh clone vitest has no timings yet and
 * starts the largest files first; pages.test.ts, by far the longest (one axe run per page
 * and theme), then started half-way through and ran alone at the end while the other fork
 * sat idle.
 */
class PageTestsFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const first = (f: TestSpecification) => (/tests\/e2e\/pages\.test\.ts$/.test(f.moduleId) ? 0 : 1);
    return (await super.sort(files)).sort((a, b) => first(a) - first(b));
  }
}

export default defineConfig({
  test: {
    // unit and e2e files share one pool of forks. Two at a time: an e2e file mostly waits
    // on its own Chromium, so two files keep both cores of a 2-core machine busy (vitest's
    // default there is one). e2e files share nothing but the static server of
    // tests/e2e/server.ts: each launches its own browser and opens fresh contexts.
    poolOptions: { forks: { maxForks: 2 } },
    sequence: { sequencer: PageTestsFirst },
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'widgets',
          include: ['tests/widgets/**/*.test.ts'],
          browser: {
            enabled: true,
            provider: 'playwright',
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium', launch: chromiumLaunchOptions() }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxConcurrency: 2, // it.concurrent tests of one file (pages.test.ts's axe runs), two at a time
        },
      },
    ],
  },
});
