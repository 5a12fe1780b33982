// Exercises in content/exercises/: the schema each one is checked against, the files
// themselves (one per lesson, unique ids, a worked solution each), and the solved-exercise
// record kept in the browser.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { checkExercise, exerciseIdsIn } from '../../src/lib/exercises';
import { parseSolved, readSolved, saveSolved, serializeSolved, SOLVED_KEY, solvedCount } from '../../src/lib/solved';

const files = readdirSync('content/exercises').filter((f) => f.endsWith('.mdx')).sort();

describe('exercise schema', () => {
  it('accepts numeric and choice exercises, and names the exercise and the problem otherwise', () => {
    expect(checkExercise({ id: 'l5-params', kind: 'numeric', answer: 32768, tolerance: 0 }).kind).toBe('numeric');
    expect(checkExercise({ id: 'l5-gate', kind: 'choice', options: ['a', 'b'], correct: 1, title: 'Gate' }).kind).toBe('choice');
    expect(() => checkExercise({ id: 'l5-x', kind: 'choice', options: ['a', 'b'], correct: 2 })).toThrow(/Exercise "l5-x": correct: correct must be the index of one of the options/);
    expect(() => checkExercise({ id: 'params', kind: 'numeric', answer: 1 })).toThrow(/"l<lesson number>-<short name>"/);
    // A percent answer says so with unit="percent" (numeric only; no other unit exists).
    expect(checkExercise({ id: 'l7-share', kind: 'numeric', unit: 'percent', answer: 6.25, tolerance: 0.01 })).toMatchObject({ unit: 'percent' });
    expect(() => checkExercise({ id: 'l7-share', kind: 'numeric', unit: 'fraction', answer: 6.25 })).toThrow(/Exercise "l7-share": unit/);
    expect(() => checkExercise({ id: 'l7-x', kind: 'choice', options: ['a', 'b'], correct: 0, unit: 'percent' })).toThrow(/Exercise "l7-x"/);
    expect(() => checkExercise({ id: 'l1-a', kind: 'numeric', answer: Number.NaN })).toThrow(/answer/);
    expect(() => checkExercise({ id: 'l1-a', kind: 'numeric', answer: 1, options: ['x'] })).toThrow(/Exercise "l1-a"/);
  });
});

describe('content/exercises', () => {
  it('has one file per lesson, at least three exercises each, ids unique and numbered by lesson, a worked solution each', () => {
    expect(files).toEqual(readdirSync('lessons').filter((f) => f.endsWith('.mdx')).sort());
    const seen = new Set<string>();
    for (const file of files) {
      const source = readFileSync(`content/exercises/${file}`, 'utf8');
      const ids = exerciseIdsIn(source);
      const lesson = Number(file.slice(0, 2));
      expect(ids.length, file).toBeGreaterThanOrEqual(3);
      for (const id of ids) {
        expect(id.startsWith(`l${lesson}-`), `${file}: ${id}`).toBe(true);
        expect(seen.has(id), `${id} appears twice`).toBe(false);
        seen.add(id);
      }
      expect((source.match(/slot="solution"/g) ?? []).length, file).toBe(ids.length);
      expect(readFileSync(`lessons/${file}`, 'utf8')).toContain(`import LessonExercises from '../content/exercises/${file}';`);
    }
  });
});

describe('solved exercises in the browser', () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data } as unknown as Storage & { data: Map<string, string> };
  };
  it('reads what it wrote, and ignores corrupt, foreign or old records', () => {
    expect([...parseSolved(serializeSolved(['l2-a', 'l1-b', 'l1-b'])).solved]).toEqual(['l1-b', 'l2-a']);
    for (const bad of ['{', '[]', 'null', '{"version":2,"solved":["l1-a"]}', '{"version":1,"solved":[1]}', '"x"']) {
      expect(parseSolved(bad)).toEqual({ solved: new Set(), ignored: true });
    }
    expect(parseSolved(null)).toEqual({ solved: new Set(), ignored: false });
  });
  it('saves one more solved exercise over a bad record, and survives storage that throws', () => {
    const store = memory();
    store.setItem(SOLVED_KEY, '{broken');
    expect(saveSolved(() => store, 'l3-dk')).toBe(true);
    expect([...readSolved(() => store)]).toEqual(['l3-dk']);
    const throwing = () => { throw new Error('SecurityError'); };
    expect(saveSolved(throwing, 'l3-dk')).toBe(false);
    expect(readSolved(throwing).size).toBe(0);
    expect(solvedCount(['l3-dk', 'l3-rank'], new Set(['l3-dk', 'l9-x']))).toBe(1);
  });
});
