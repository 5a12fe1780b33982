// Checks exercise answers in the page with the pure judges of src/lib/answers.ts.
// Feedback is written with textContent: typed text is never treated as markup.
import { judgeChoice, judgeNumeric, type Verdict } from '../lib/answers';
import { t } from '../i18n/strings';
import { readSolved, saveSolved } from '../lib/solved';

const storage = () => window.localStorage;

function message(verdict: Verdict, typed: string, kind: string): string {
  if (verdict.status === 'correct') return t.correct;
  if (verdict.status === 'incorrect') return verdict.hint === 'fraction-for-percent' ? t.fractionForPercent(typed.trim().slice(0, 40)) : t.incorrect;
  if (verdict.reason === 'empty') return kind === 'choice' ? t.chooseOne : t.emptyAnswer;
  return t.notANumber(typed.trim().slice(0, 40));
}

/** Attach checking to every exercise on the page (idempotent). */
export function initExercises(): void {
  const solved = readSolved(storage);
  document.querySelectorAll<HTMLElement>('[data-exercise]').forEach((exercise) => {
    if (exercise.dataset.ready) return;
    exercise.dataset.ready = '1';
    const mark = () => {
      exercise.dataset.solved = '1';
      const tag = exercise.querySelector<HTMLElement>('.exercise-solved');
      if (tag) tag.hidden = false;
    };
    if (solved.has(exercise.id)) mark();
    const form = exercise.querySelector('form');
    const feedback = exercise.querySelector<HTMLElement>('.feedback');
    if (!form || !feedback) return;
    const kind = exercise.dataset.kind ?? 'numeric';
    const answer = Number(exercise.dataset.answer);
    const tolerance = exercise.dataset.tolerance !== undefined ? Number(exercise.dataset.tolerance) : undefined;
    const unit = exercise.dataset.unit === 'percent' ? 'percent' : undefined;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      let typed = '';
      let verdict: Verdict;
      if (kind === 'choice') {
        const chosen = form.querySelector<HTMLInputElement>('input[name="answer"]:checked');
        verdict = judgeChoice(chosen ? Number(chosen.value) : null, answer);
      } else {
        typed = form.querySelector<HTMLInputElement>('input[name="answer"]')?.value ?? '';
        verdict = judgeNumeric(typed, { answer, tolerance, unit });
      }
      feedback.textContent = message(verdict, typed, kind);
      feedback.className = `feedback ${verdict.status === 'correct' ? 'ok' : 'bad'}`;
      exercise.dataset.state = verdict.status;
      if (verdict.status === 'correct') {
        saveSolved(storage, exercise.id);
        mark();
      }
    });
  });
}
