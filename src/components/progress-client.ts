// Progress per lesson (home page, practice page): "Exercises solved: k of n" from the
// exercises answered right in this browser (src/lib/solved.ts). Elements carry the
// lesson's exercise ids in data-progress-ids; without JavaScript they keep their static text.
import { t } from '../i18n/strings';
import { readSolved, solvedCount } from '../lib/solved';

/** Fill every progress line on the page. */
export function initProgress(): void {
  const solved = readSolved(() => window.localStorage);
  for (const el of document.querySelectorAll<HTMLElement>('[data-progress-ids]')) {
    const ids = (el.dataset.progressIds ?? '').split(' ').filter(Boolean);
    const k = solvedCount(ids, solved);
    el.textContent = t.solvedOf(k, ids.length);
    el.dataset.solved = String(k);
  }
}
