/**
 * Flashcard progress kept in the browser (localStorage), under a versioned record. Reading
 * never throws: corrupt JSON, a wrong shape or an older version is reset, ids of questions
 * that no longer exist are dropped, each with a reason the page shows as a small notice.
 * When storage is unavailable (private mode, a setting, a full quota) progress lives in
 * memory for the visit, again with a notice.
 *
 * No DOM: the storage is passed in, so the rules are unit-tested with fakes.
 */
import { emptyProgress, type Progress } from './deck';

/** The localStorage key. */
export const STORAGE_KEY = 'hbh-interview-progress';
/** Version of the saved record; a record of another version is reset. */
export const PROGRESS_VERSION = 1;

/** Why saved progress was not used as it was. */
export type ProgressProblem =
  | { kind: 'corrupt' }
  | { kind: 'shape' }
  | { kind: 'version' }
  | { kind: 'unknown-ids'; count: number }
  | { kind: 'unavailable' };

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Read a saved record. `validIds` are the questions that exist now. Returns the progress to
 * use and, when the record was not used as it was, why.
 */
export function parseProgress(raw: string | null, validIds: ReadonlySet<string>): { progress: Progress; problem: ProgressProblem | null } {
  if (raw === null) return { progress: emptyProgress, problem: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { progress: emptyProgress, problem: { kind: 'corrupt' } };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { progress: emptyProgress, problem: { kind: 'shape' } };
  const record = data as Record<string, unknown>;
  if (typeof record.version === 'number' && record.version !== PROGRESS_VERSION) return { progress: emptyProgress, problem: { kind: 'version' } };
  if (record.version !== PROGRESS_VERSION || !isIdList(record.known) || !isIdList(record.again)) return { progress: emptyProgress, problem: { kind: 'shape' } };
  const keep = (list: string[]) => [...new Set(list.filter((id) => validIds.has(id)))];
  const known = keep(record.known);
  const knownSet = new Set(known);
  const again = keep(record.again).filter((id) => !knownSet.has(id));
  const dropped = new Set([...record.known, ...record.again].filter((id) => !validIds.has(id))).size;
  return { progress: { known, again }, problem: dropped ? { kind: 'unknown-ids', count: dropped } : null };
}

/** The record saved for `progress`. */
export function serializeProgress(progress: Progress): string {
  return JSON.stringify({ version: PROGRESS_VERSION, known: progress.known, again: progress.again });
}

/** Where progress is kept for this visit. */
export interface ProgressStore {
  /** The progress read at open, and every reason it was not used as saved (shown as notices). */
  readonly initial: { progress: Progress; problems: ProgressProblem[] };
  /** Save; returns a problem when the browser refuses for the first time (progress then stays in memory). */
  save(progress: Progress): ProgressProblem | null;
  /** Forget all progress. */
  clear(): ProgressProblem | null;
  /** Whether progress is only in memory. */
  readonly inMemory: boolean;
}

/**
 * Open the store. `getStorage` may throw or return null (storage blocked): the store then
 * keeps progress in memory and reports `unavailable` once.
 */
export function openProgressStore(getStorage: () => Storage | null, validIds: ReadonlySet<string>): ProgressStore {
  let storage: Storage | null = null;
  let raw: string | null = null;
  try {
    storage = getStorage();
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    storage = null;
  }
  let reported = false;
  const write = (action: (s: Storage) => void): ProgressProblem | null => {
    if (!storage) return null;
    try {
      action(storage);
      return null;
    } catch {
      storage = null;
      if (reported) return null;
      reported = true;
      return { kind: 'unavailable' };
    }
  };
  const read = parseProgress(raw, validIds);
  const problems: ProgressProblem[] = [];
  if (!storage) {
    reported = true;
    problems.push({ kind: 'unavailable' });
  }
  if (read.problem) {
    problems.push(read.problem);
    // Rewrite a record that was reset or cleaned at once, so its notice shows only once.
    const failed = write((s) => (read.problem?.kind === 'unknown-ids' ? s.setItem(STORAGE_KEY, serializeProgress(read.progress)) : s.removeItem(STORAGE_KEY)));
    if (failed) problems.push(failed);
  }
  return {
    initial: { progress: read.progress, problems },
    save: (progress) => write((s) => s.setItem(STORAGE_KEY, serializeProgress(progress))),
    clear: () => write((s) => s.removeItem(STORAGE_KEY)),
    get inMemory() {
      return storage === null;
    },
  };
}
