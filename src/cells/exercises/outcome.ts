/**
 * What the page shows after a run of an exercise: pass, fail, error or timeout, a sentence,
 * and the checks. Pure (no DOM), so the wording and the mapping are unit-tested.
 */
import { t } from '../../i18n/strings';
import type { CheckResult, ExerciseReport } from './types';

/** The element's data-result after a run. */
export type ResultKind = 'pass' | 'fail' | 'error' | 'timeout';

/** A run's outcome, ready to show. */
export interface RunOutcome {
  result: ResultKind;
  summary: string;
  checks: CheckResult[];
  /** Where the error is in the reader's text (1-based), to put the cursor there. */
  line?: number;
  column?: number;
}

/** How the sandbox's run ended (src/cells/protocol.ts's CellResult, with the report as value). */
export type ExerciseRun =
  | { kind: 'ok'; value: ExerciseReport }
  | { kind: 'syntax-error'; line: number; column: number; message: string }
  | { kind: 'error'; message: string; line?: number; column?: number }
  | { kind: 'timeout'; ms: number };

/** Map a run to what the page shows. A report that is not one (it cannot happen, but the worker is not trusted) is an error. */
export function summarize(run: ExerciseRun): RunOutcome {
  const s = t.coding;
  switch (run.kind) {
    case 'syntax-error':
      return { result: 'error', summary: s.syntaxError(run.line, run.column, run.message), checks: [], line: run.line, column: run.column };
    case 'error':
      return { result: 'error', summary: s.thrown(run.message, run.line, run.column), checks: [], line: run.line, column: run.column };
    case 'timeout':
      return { result: 'timeout', summary: s.timeout(run.ms), checks: [] };
    case 'ok': {
      const checks = Array.isArray(run.value?.checks) ? run.value.checks : null;
      if (!checks || checks.length === 0) return { result: 'error', summary: s.notAReport, checks: [] };
      const passed = checks.filter((c) => c.passed).length;
      return passed === checks.length
        ? { result: 'pass', summary: s.passed(checks.length), checks }
        : { result: 'fail', summary: s.failed(passed, checks.length), checks };
    }
  }
}
