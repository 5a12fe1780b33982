/**
 * Check the data files in content/ that pages, figures and widgets read (through
 * src/lib/models.ts and src/lib/lab.ts) before the site is built: a file that does not fit
 * fails the build with its name and the path of the bad field, instead of a page printing
 * a wrong number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { parseCheckpoint } from '../training';
import { parseLabResults, parseModels } from '../lib/schemas';
import { parseTeachingPaths } from '../lib/teaching';
import { parseTextResults } from '../lib/text';
import { parseTextCheckpoint } from '../training/text';

/** The checked files, relative to the project's root, and how each is checked. */
export const CHECKED_CONTENT: Readonly<Record<string, (json: unknown) => unknown>> = {
  'content/models.json': parseModels,
  'content/lab/results.json': parseLabResults,
  'content/teaching/paths.json': parseTeachingPaths,
  'content/lab/checkpoint.json': (json) => {
    try {
      return parseCheckpoint(json);
    } catch (err) {
      throw new Error(`content/lab/checkpoint.json is not valid: ${(err as Error).message}`);
    }
  },
  'content/lab/text/results.json': parseTextResults,
  'content/lab/text/checkpoint.json': (json) => {
    try {
      return parseTextCheckpoint(json);
    } catch (err) {
      throw new Error(`content/lab/text/checkpoint.json is not valid: ${(err as Error).message}`);
    }
  },
};

/** Check every file of {@link CHECKED_CONTENT} under `root`; throws on the first that does not fit. */
export function checkContent(root = '.', read: (path: string) => string = (path) => readFileSync(join(root, path), 'utf8')): void {
  for (const [path, check] of Object.entries(CHECKED_CONTENT)) {
    let json: unknown;
    try {
      json = JSON.parse(read(path));
    } catch (err) {
      throw new Error(`${path} is not valid JSON: ${(err as Error).message}`);
    }
    check(json);
  }
}

/** An Astro integration that runs {@link checkContent} when the site is built or served. */
export function contentCheck(): AstroIntegration {
  return {
    name: 'head-by-head:content-check',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        if (command === 'build' || command === 'dev') checkContent(new URL('.', config.root).pathname);
      },
    },
  };
}
