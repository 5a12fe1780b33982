/** Judging of typed and chosen answers for exercises; pure, used in the page and in tests. */

export type Verdict =
  | { status: 'correct' }
  | { status: 'incorrect' }
  | { status: 'invalid'; reason: 'empty' | 'not-a-number' | 'words' };

/**
 * Read a number the way a person types it: " 64 ", "6.4e1", "-0.5", "1/8", "1,024",
 * "1 024", "64." → the number, or null when it is not one.
 */
export function parseAnswerNumber(text: string): number | null {
  const s = text.trim().replace(/[\u2212\u2013]/g, '-').replace(/(\d)[,\s_](?=\d{3}\b)/g, '$1');
  if (s === '') return null;
  const fraction = s.match(/^([-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*\/\s*([-+]?\d*\.?\d+(?:e[-+]?\d+)?)$/i);
  if (fraction) {
    const value = Number(fraction[1]) / Number(fraction[2]);
    return Number.isFinite(value) ? value : null;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/** Options of a numeric answer. */
export interface NumericAnswer {
  answer: number;
  /** Accept |given − answer| ≤ tolerance. Default: 1e-9 relative to the answer's size. */
  tolerance?: number;
}

/** Judge a typed numeric answer. */
export function judgeNumeric(text: string, { answer, tolerance }: NumericAnswer): Verdict {
  if (text.trim() === '') return { status: 'invalid', reason: 'empty' };
  const value = parseAnswerNumber(text);
  if (value === null) return { status: 'invalid', reason: /[a-z]{2,}/i.test(text) ? 'words' : 'not-a-number' };
  const tol = tolerance ?? 1e-9 * Math.max(1, Math.abs(answer));
  return Math.abs(value - answer) <= tol ? { status: 'correct' } : { status: 'incorrect' };
}

/** Judge a multiple-choice answer given as the chosen option's index (or null). */
export function judgeChoice(chosen: number | null, correct: number): Verdict {
  if (chosen === null || !Number.isInteger(chosen)) return { status: 'invalid', reason: 'empty' };
  return chosen === correct ? { status: 'correct' } : { status: 'incorrect' };
}
