/**
 * The shapes shared by the coding exercises: what an exercise declares, and what a run of
 * its checks reports. Pure TypeScript: the same code runs in Node (tests) and in the
 * sandbox's Web Worker (src/cells/sandbox.worker.ts).
 */

/** One check of one run: passed or failed, and when failed, what differed. */
export interface CheckResult {
  /** What was checked, in words a reader can act on ("logits of ±1e6"). */
  name: string;
  passed: boolean;
  /** When failed: shape or values, the first differing entry, or the error thrown. */
  detail?: string;
}

/** Everything a run of an exercise's checks found, in the exercise's order. */
export interface ExerciseReport {
  checks: CheckResult[];
}

/** The reader's module: the names their cell exports. Untrusted. */
export type ReaderModule = Record<string, unknown>;

/** One check: throws a {@link CheckFailure} (or anything) to fail, returns to pass. */
export interface CheckSpec {
  name: string;
  run(mod: ReaderModule): void;
}

/** A coding exercise: what the page shows, and the checks the worker runs. */
export interface CodingExercise {
  /** Stable id: the page's data-coding-exercise and the progress key. */
  id: string;
  title: string;
  /** The lesson that teaches it (its file name without .mdx); the exercise may appear on other pages too. */
  lesson: string;
  /** The task in a few plain sentences (shown as text, never as markup). */
  task: string;
  /** Functions the reader's cell must export. */
  exports: readonly string[];
  /** What the editor opens on: the signature and a TODO. */
  starter: string;
  /** Revealed one at a time. */
  hints: readonly string[];
  /**
   * What "Show solution" reveals: the course's own functions, as "src/dir/file.ts#name",
   * cut from src/ at build time (src/lib/sources.ts), in reading order.
   */
  solution: readonly string[];
  /**
   * The course's functions in this exercise's signature (the functions of src/ or the
   * adapters of ./reference.ts): what the checks compare with, and what must pass them all.
   */
  course: Readonly<Record<string, (...args: never[]) => unknown>>;
  checks: readonly CheckSpec[];
}
