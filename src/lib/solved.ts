/**
 * Which exercises a reader has answered right, kept in the browser (localStorage) under a
 * versioned record. Reading never throws: corrupt JSON, another shape or another version
 * counts as nothing solved, and the record is rewritten on the next right answer.
 * Storage is passed in, so the rules are tested without a browser.
 */

/** The localStorage key. */
export const SOLVED_KEY = 'hbh-exercises';
/** Version of the saved record. */
export const SOLVED_VERSION = 1;

/** Read a saved record: the solved ids, and whether the record had to be ignored. */
export function parseSolved(raw: string | null): { solved: Set<string>; ignored: boolean } {
  if (raw === null) return { solved: new Set(), ignored: false };
  try {
    const data = JSON.parse(raw) as { version?: unknown; solved?: unknown };
    if (data && data.version === SOLVED_VERSION && Array.isArray(data.solved) && data.solved.every((x) => typeof x === 'string')) {
      return { solved: new Set(data.solved as string[]), ignored: false };
    }
  } catch {
    /* corrupt: ignored below */
  }
  return { solved: new Set(), ignored: true };
}

/** The record saved for a set of solved ids. */
export function serializeSolved(solved: Iterable<string>): string {
  return JSON.stringify({ version: SOLVED_VERSION, solved: [...new Set(solved)].sort() });
}

/** The solved ids in `storage` (none when storage is unavailable or the record is bad). */
export function readSolved(storage: () => Storage | null): Set<string> {
  try {
    return parseSolved(storage()?.getItem(SOLVED_KEY) ?? null).solved;
  } catch {
    return new Set();
  }
}

/** Record one more solved exercise; false when the browser does not keep it (private mode). */
export function saveSolved(storage: () => Storage | null, id: string): boolean {
  try {
    const s = storage();
    if (!s) return false;
    const solved = parseSolved(s.getItem(SOLVED_KEY)).solved;
    solved.add(id);
    s.setItem(SOLVED_KEY, serializeSolved(solved));
    return true;
  } catch {
    return false;
  }
}

/** "k of n solved" for a lesson's exercise ids. */
export function solvedCount(ids: readonly string[], solved: ReadonlySet<string>): number {
  return ids.filter((id) => solved.has(id)).length;
}
