/**
 * Exercises live in content/exercises/<lesson file>.mdx, one file per lesson, as
 * <Exercise> elements with a question, an optional hint and a worked solution. The lesson
 * shows its file; the practice page (/practice/) shows them all. This module holds the
 * schema every exercise is checked against when the site is built, and reads the files'
 * exercise ids (for progress per lesson on the home page).
 */
import { z } from 'zod';

const base = {
  /** Page anchor and progress key: "l<lesson>-<short name>". */
  id: z.string().regex(/^l\d+-[a-z0-9-]+$/, 'an exercise id is "l<lesson number>-<short name>", such as "l5-params"'),
  title: z.string().min(3).optional(),
};

export const exerciseSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('numeric'), answer: z.number().finite(), tolerance: z.number().nonnegative().optional(), unit: z.literal('percent').optional() }).strict(),
  z.object({ ...base, kind: z.literal('choice'), options: z.array(z.string().min(1)).min(2), correct: z.number().int().nonnegative() }).strict(),
]).refine((e) => e.kind !== 'choice' || e.correct < e.options.length, { message: 'correct must be the index of one of the options', path: ['correct'] });

export type ExerciseProps = z.infer<typeof exerciseSchema>;

/** Check an exercise's props; the error names the exercise and what is wrong. */
export function checkExercise(props: unknown): ExerciseProps {
  const r = exerciseSchema.safeParse(props);
  if (r.success) return r.data;
  const id = (props as { id?: unknown })?.id;
  throw new Error(`Exercise ${JSON.stringify(id)}: ${r.error.issues.map((i) => `${i.path.join('.') || 'props'}: ${i.message}`).join('; ')}`);
}

/** The ids of the exercises in one exercises file, in order. */
export function exerciseIdsIn(source: string): string[] {
  return [...source.matchAll(/<Exercise\s[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]);
}

/** Exercises files by lesson file name ("05-merging-heads.mdx" → its ids). */
export function exercisesByLesson(files: Record<string, string>): Map<string, string[]> {
  return new Map(Object.entries(files).map(([path, source]) => [path.split('/').pop()!, exerciseIdsIn(source)]));
}
