import { describe, expect, it } from 'vitest';
import { extractNamed, parseSourceRef } from '../../src/lib/extract';
import { judgeChoice, judgeNumeric, parseAnswerNumber, splitPercent } from '../../src/lib/answers';

const file = `import x from 'y';

/**
 * Adds.
 */
export function add(
  { a = 1, b = 2 }: { a?: number; b?: number } = {},
): number {
  if (a) {
    return a + b;
  }
  return b;
}

export const half = (n: number) => n / 2;

function local() {
  // #region inner
  const z = 1;
  return z;
  // #endregion
}
`;

describe('extractNamed', () => {
  it('cuts a function with its JSDoc up to the closing brace at column 0', () => {
    const cut = extractNamed(file, 'add');
    expect(cut.startsWith('/**\n * Adds.')).toBe(true);
    expect(cut.endsWith('  return b;\n}')).toBe(true);
    expect(cut).not.toContain('half');
  });
  it('cuts a one-line const and a non-exported function', () => {
    expect(extractNamed(file, 'half')).toBe('export const half = (n: number) => n / 2;');
    expect(extractNamed(file, 'local').split('\n')[0]).toBe('function local() {');
  });
  it('cuts a marked region, dedented', () => {
    expect(extractNamed(file, 'inner')).toBe('const z = 1;\nreturn z;');
  });
  it('fails loudly on a missing name, naming the file', () => {
    expect(() => extractNamed(file, 'nope', 'src/x.ts')).toThrow(/src\/x.ts.*"nope"/);
  });
  it('parses a source reference', () => {
    expect(parseSourceRef('src/a/b.ts#fn')).toEqual({ path: 'src/a/b.ts', name: 'fn' });
    expect(() => parseSourceRef('src/a/b.ts')).toThrow(/#name/);
  });
});

describe('answers', () => {
  it('reads numbers as people type them', () => {
    expect(parseAnswerNumber('64')).toBe(64);
    expect(parseAnswerNumber(' 64 ')).toBe(64);
    expect(parseAnswerNumber('6.4e1')).toBe(64);
    expect(parseAnswerNumber('1/8')).toBe(0.125);
    expect(parseAnswerNumber('1,048,576')).toBe(1048576);
    expect(parseAnswerNumber('−0.5')).toBe(-0.5);
    expect(parseAnswerNumber('.25')).toBe(0.25);
    for (const bad of ['', 'sixty-four', '6.4.1', '1/0', '<b>1</b>', '0x10', 'NaN', 'Infinity']) expect(parseAnswerNumber(bad)).toBeNull();
  });
  it('judges with tolerance and explains what is wrong', () => {
    expect(judgeNumeric('0.333', { answer: 1 / 3, tolerance: 0.001 })).toEqual({ status: 'correct' });
    expect(judgeNumeric('0.3', { answer: 1 / 3, tolerance: 0.001 })).toEqual({ status: 'incorrect' });
    expect(judgeNumeric('64', { answer: 64 })).toEqual({ status: 'correct' });
    expect(judgeNumeric('  ', { answer: 64 })).toEqual({ status: 'invalid', reason: 'empty' });
    expect(judgeNumeric('sixty-four', { answer: 64 })).toEqual({ status: 'invalid', reason: 'words' });
    expect(judgeNumeric('6..4', { answer: 64 })).toEqual({ status: 'invalid', reason: 'not-a-number' });
  });
  it('reads a typed percent sign: the same number on a percent question, a hundredth elsewhere', () => {
    const share = { answer: 6.25, tolerance: 0.01, unit: 'percent' as const };
    for (const typed of ['6.25', '6.25%', ' 6.25 % ', '6.25％', '1/16%']) expect(judgeNumeric(typed, share), typed).toEqual(typed === '1/16%' ? { status: 'incorrect' } : { status: 'correct' });
    // The fraction is the right quantity in the wrong unit: wrong, with a hint that says so.
    expect(judgeNumeric('0.0625', share)).toEqual({ status: 'incorrect', hint: 'fraction-for-percent' });
    expect(judgeNumeric('1/16', share)).toEqual({ status: 'incorrect', hint: 'fraction-for-percent' });
    // “0.0625%” is a percent already, a hundred times too small: no hint.
    expect(judgeNumeric('0.0625%', share)).toEqual({ status: 'incorrect' });
    expect(judgeNumeric('7%', share)).toEqual({ status: 'incorrect' });
    for (const bad of ['%', '6.25%%', '%6.25', '6.2.5%']) expect(judgeNumeric(bad, share), bad).toEqual({ status: 'invalid', reason: 'not-a-number' });
    expect(judgeNumeric('six %', share)).toEqual({ status: 'invalid', reason: 'words' });
    // Without a unit the answer is a plain number, and “50%” means 0.5.
    expect(judgeNumeric('50%', { answer: 0.5, tolerance: 0.001 })).toEqual({ status: 'correct' });
    expect(judgeNumeric('50', { answer: 0.5, tolerance: 0.001 })).toEqual({ status: 'incorrect' });
    expect(judgeNumeric('0.5', { answer: 0.5, tolerance: 0.001 })).toEqual({ status: 'correct' });
    expect(splitPercent(' 12.5 %')).toEqual({ body: '12.5', percent: true });
    expect(splitPercent('12.5')).toEqual({ body: '12.5', percent: false });
  });
  it('judges choices', () => {
    expect(judgeChoice(2, 2)).toEqual({ status: 'correct' });
    expect(judgeChoice(1, 2)).toEqual({ status: 'incorrect' });
    expect(judgeChoice(null, 2)).toEqual({ status: 'invalid', reason: 'empty' });
  });
});
