// The build checks content/'s data files before it bundles anything (src/build/content-check.ts):
// the shipped files pass, and a broken one fails with its name and the path of the bad field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkContent, CHECKED_CONTENT } from '../../src/build/content-check';
import { labResults } from '../../src/lib/lab';
import { allModels } from '../../src/lib/models';
import { parseLabResults, parseModels } from '../../src/lib/schemas';

/** The shipped files, with `path` changed by `change` (a parsed copy). */
const withChange = (path: string, change: (json: any) => void) => (p: string) => {
  const text = readFileSync(p, 'utf8');
  if (p !== path) return text;
  const json = JSON.parse(text);
  change(json);
  return JSON.stringify(json);
};

describe('content check', () => {
  it('passes on the shipped files, which the accessors hand out as they are', () => {
    expect(Object.keys(CHECKED_CONTENT)).toEqual(['content/models.json', 'content/lab/results.json', 'content/teaching/paths.json', 'content/lab/checkpoint.json', 'content/lab/text/results.json', 'content/lab/text/checkpoint.json']);
    expect(() => checkContent()).not.toThrow();
    expect(parseLabResults(labResults)).toEqual(labResults);
    expect(parseModels({ models: allModels() })).toEqual(allModels());
  });
  it('fails on a bad field with the file and the path', () => {
    expect(() => checkContent('.', withChange('content/lab/results.json', (j) => { j.ablateOne[2].accuracy = 1.5; }))).toThrow(/content\/lab\/results\.json is not valid:\n- ablateOne\.2\.accuracy: /);
    expect(() => checkContent('.', withChange('content/models.json', (j) => { j.models[0].h = 7; }))).toThrow(/content\/models\.json is not valid:\n- models\.0\.h: .*divisible by h \(7\)/);
    expect(() => checkContent('.', withChange('content/lab/checkpoint.json', (j) => { delete j.params; }))).toThrow(/content\/lab\/checkpoint\.json is not valid: /);
    expect(() => checkContent('.', (p) => (p === 'content/models.json' ? '{' : readFileSync(p, 'utf8')))).toThrow(/content\/models\.json is not valid JSON/);
    expect(() => checkContent('.', withChange('content/lab/text/results.json', (j) => { j.evaluation.inductionScore[1][2] = 'high'; }))).toThrow(/content\/lab\/text\/results\.json: evaluation\.inductionScore is missing or not what the lesson reads/);
    expect(() => checkContent('.', withChange('content/lab/text/results.json', (j) => { delete j.snapshots[3].trainLoss; }))).toThrow(/snapshots\[3\]/);
    expect(() => checkContent('.', withChange('content/lab/text/checkpoint.json', (j) => { j.data = 'AAAA'; }))).toThrow(/content\/lab\/text\/checkpoint\.json is not valid: /);
  });
});
