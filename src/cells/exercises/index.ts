/**
 * The coding exercises of the course, in course order. Each lives in its own file:
 * title, task, starter, hints, the course's functions that solve it, and the checks the
 * worker runs (./run.ts).
 */
import { causalAttentionExercise } from './causal-attention';
import { generalParameterCountExercise } from './general-parameter-count';
import { headMaskGradientExercise } from './head-mask-gradient';
import { kvCacheBytesExercise } from './kv-cache-bytes';
import { mergeAverageExercise } from './merge-average';
import { multiHeadAttentionExercise } from './multi-head-attention';
import { softmaxRowsExercise } from './softmax-rows';
import { splitMergeHeadsExercise } from './split-merge-heads';
import type { CodingExercise } from './types';

export type { CodingExercise, CheckResult, ExerciseReport } from './types';

/** Every coding exercise, in course order. */
export const CODING_EXERCISES: readonly CodingExercise[] = [
  softmaxRowsExercise,
  causalAttentionExercise,
  multiHeadAttentionExercise,
  splitMergeHeadsExercise,
  generalParameterCountExercise,
  kvCacheBytesExercise,
  mergeAverageExercise,
  headMaskGradientExercise,
];

/** The exercise with this id; throws naming the known ids (a page that asks for a wrong id fails the build). */
export function codingExercise(id: string): CodingExercise {
  const e = CODING_EXERCISES.find((x) => x.id === id);
  if (!e) throw new Error(`no coding exercise "${id}"; the exercises are ${CODING_EXERCISES.map((x) => x.id).join(', ')}`);
  return e;
}

/** The ids of the coding exercises a lesson teaches (its file name without .mdx), in course order. */
export function codingExerciseIdsOf(lessonId: string): string[] {
  return CODING_EXERCISES.filter((e) => e.lesson === lessonId).map((e) => e.id);
}
