// Global setup of the page tests: serve the built site (dist/) on a free local port.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveDir } from '../support/static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) {
    throw new Error('No built site in dist/: run `npm test` (it builds first) or `npx astro build`.');
  }
  const server = await serveDir('dist');
  project.provide('baseUrl', server.url);
  return () => server.close();
}
