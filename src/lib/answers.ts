/** Judging of typed and chosen answers for exercises; pure, used in the page and in tests. */

export type Verdict =
  | { status: 'correct' }
  /** `hint: 'fraction-for-percent'`: a percent question answered with the right fraction (0.0625 for 6.25). */
  | { status: 'incorrect'; hint?: 'fraction-for-percent' }
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
  /** The answer, in the unit the question asks for (6.25 for “6.25 percent” when unit is 'percent'). */
  answer: number;
  /** Accept |given − answer| ≤ tolerance. Default: 1e-9 relative to the answer's size. */
  tolerance?: number;
  /**
   * 'percent': the question asks for a percentage, and the answer is in percent. “6.25” and
   * “6.25%” both mean 6.25 percent; “0.0625” is wrong (with a hint that it is the fraction).
   * Without a unit, a typed “%” divides by 100: “50%” is read as 0.5.
   */
  unit?: 'percent';
}

/**
 * Split a trailing percent sign off a typed answer: “6.25 %” → { body: '6.25', percent: true }.
 * Only one sign, at the end, counts; anything else stays in the body (and fails to parse).
 */
export function splitPercent(text: string): { body: string; percent: boolean } {
  const m = text.trim().match(/^(.*?)\s*[%\uFF05]$/);
  return m ? { body: m[1], percent: true } : { body: text, percent: false };
}

/** Judge a typed numeric answer (see {@link NumericAnswer} for how “%” is read). */
export function judgeNumeric(text: string, { answer, tolerance, unit }: NumericAnswer): Verdict {
  if (text.trim() === '') return { status: 'invalid', reason: 'empty' };
  const { body, percent } = splitPercent(text);
  const typed = parseAnswerNumber(body);
  if (typed === null) return { status: 'invalid', reason: /[a-z]{2,}/i.test(text) ? 'words' : 'not-a-number' };
  // In the answer's unit: a percent question takes the number as typed, with or without “%”;
  // any other question reads “x%” as x/100.
  const value = unit === 'percent' || !percent ? typed : typed / 100;
  const tol = tolerance ?? 1e-9 * Math.max(1, Math.abs(answer));
  if (Math.abs(value - answer) <= tol) return { status: 'correct' };
  if (unit === 'percent' && !percent && Math.abs(100 * typed - answer) <= tol) return { status: 'incorrect', hint: 'fraction-for-percent' };
  return { status: 'incorrect' };
}

/** Judge a multiple-choice answer given as the chosen option's index (or null). */
export function judgeChoice(chosen: number | null, correct: number): Verdict {
  if (chosen === null || !Number.isInteger(chosen)) return { status: 'invalid', reason: 'empty' };
  return chosen === correct ? { status: 'correct' } : { status: 'incorrect' };
}
