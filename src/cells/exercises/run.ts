/**
 * Run one coding exercise's checks on the reader's module. Called by the sandbox's worker
 * (src/cells/sandbox.worker.ts) after the reader's cell has been transpiled and evaluated,
 * and by the unit tests in Node. Pure: no DOM, nothing thrown, nothing logged.
 */
import { errorText } from './checks';
import { CODING_EXERCISES } from './index';
import type { ExerciseReport, ReaderModule } from './types';

export type { CheckResult, ExerciseReport } from './types';

/**
 * Every check of exercise `id` on the reader's exports, in order. An unknown id, or a
 * required function the module does not export, gives one failed check that says what is
 * missing (and the other checks are not run). A check fails with what differed (shape or
 * values, the first differing entry), or with what the reader's function threw.
 *
 * @param id an exercise id, such as "softmax-rows".
 * @param mod the reader's module: its exported names.
 */
export function runExerciseChecks(id: string, mod: Record<string, unknown>): ExerciseReport {
  const exercise = CODING_EXERCISES.find((e) => e.id === id);
  if (!exercise) {
    return { checks: [{ name: 'exercise exists', passed: false, detail: `there is no coding exercise "${id}"; the exercises are ${CODING_EXERCISES.map((e) => e.id).join(', ')}` }] };
  }
  const module: ReaderModule = mod && typeof mod === 'object' ? mod : {};
  const missing = exercise.exports.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    return {
      checks: missing.map((name) => ({
        name: `exports ${name}`,
        passed: false,
        detail:
          name in module
            ? `${name} is exported but is ${typeof module[name]}, not a function`
            : `your code does not export a function named ${name}: write "export function ${name}(…)"`,
      })),
    };
  }
  return {
    checks: exercise.checks.map((c) => {
      try {
        c.run(module);
        return { name: c.name, passed: true };
      } catch (err) {
        return { name: c.name, passed: false, detail: err instanceof Error && err.name === 'CheckFailure' ? err.message : `the check stopped: ${errorText(err)}` };
      }
    }),
  };
}

/** Whether every check of a report passed (and there was at least one). */
export function reportPassed(report: ExerciseReport): boolean {
  return report.checks.length > 0 && report.checks.every((c) => c.passed);
}
