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
  const dir = process.env.SITE_DIR ?? 'dist';
  if (!existsSync(`${dir}/index.html`)) {
    throw new Error(`No built site in ${dir}/: run 'npm test' (it builds first) or 'npx astro build'.`);
  }
  const server = await serveDir(dir);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
