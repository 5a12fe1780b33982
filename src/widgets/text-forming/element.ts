/**
 * <text-forming>: lesson 10's "watch it form" run. Train fetches the corpus sample and trains
 * TEXT_SMALL in a Web Worker (src/workers/text-client.ts); each snapshot redraws the two
 * charts; Cancel or Esc terminates the worker and keeps the curves so far. It has no state
 * worth a link, so it is a plain element, not one of the field-driven widgets.
 */
import { t } from '../../i18n/strings';
import { formingCurves, TEXT_SMALL, type TextSnapshot } from '../../training/text';
import { TextCancelled, TextTrainingJob } from '../../workers/text-client';
import { formedBetween, formingLossChart, formingScoresChart } from './render';

const s = t.textHeads.forming;
const SAMPLE_URL = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}lab/text-sample.json`;

async function fetchSample(): Promise<{ train: string; heldOut: string }> {
  let response: Response;
  try {
    response = await fetch(SAMPLE_URL);
  } catch {
    throw new Error(`${SAMPLE_URL} could not be downloaded (check the connection)`);
  }
  if (!response.ok) throw new Error(`${SAMPLE_URL} answered ${response.status}`);
  const json = (await response.json().catch(() => null)) as { train?: unknown; heldOut?: unknown } | null;
  if (!json || typeof json.train !== 'string' || typeof json.heldOut !== 'string' || json.train.length < 10_000) throw new Error(`${SAMPLE_URL} is not a corpus sample`);
  return { train: json.train, heldOut: json.heldOut };
}

class TextForming extends HTMLElement {
  #job: TextTrainingJob | null = null;
  #busy = false;

  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.addEventListener('click', (event) => {
      const action = (event.target as Element).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
      if (action === 'train') void this.train();
      else if (action === 'cancel') this.#job?.cancel();
    });
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#job) this.#job.cancel();
    });
    this.dataset.ready = '1';
  }

  #q<T extends Element>(sel: string): T {
    return this.querySelector<T>(sel)!;
  }

  #draw(snapshots: readonly TextSnapshot[]): void {
    const points = formingCurves(snapshots);
    const steps = TEXT_SMALL.train.steps;
    this.#q('[data-chart="scores"] .figure-svg').replaceChildren(formingScoresChart(points, { label: s.scoresLabel(points.length), steps }));
    this.#q('[data-chart="loss"] .figure-svg').replaceChildren(formingLossChart(points, { label: s.lossLabel(points.length), steps }));
  }

  async train(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    const [button, cancel, bar, text, status] = [
      this.#q<HTMLButtonElement>('[data-action="train"]'), this.#q<HTMLButtonElement>('[data-action="cancel"]'), this.#q<HTMLProgressElement>('progress'),
      this.#q<HTMLElement>('[data-progress-text]'), this.#q<HTMLElement>('[data-status]'),
    ];
    const steps = TEXT_SMALL.train.steps;
    const finish = (message: string) => {
      this.#job = null;
      this.#busy = false;
      button.hidden = false;
      cancel.hidden = true;
      bar.hidden = true;
      text.textContent = '';
      status.textContent = message;
      this.dataset.state = 'idle';
      button.focus();
    };
    button.hidden = true;
    status.textContent = s.loading;
    this.dataset.state = 'loading';
    let sample: { train: string; heldOut: string };
    try {
      sample = await fetchSample();
    } catch (err) {
      finish(s.sampleFailed((err as Error).message));
      return;
    }
    cancel.hidden = false;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = '';
    text.textContent = s.progress(0, steps);
    cancel.focus();
    this.dataset.state = 'training';
    const live: TextSnapshot[] = [];
    const job = new TextTrainingJob(TEXT_SMALL, sample, (snapshot, fraction) => {
      live.push(snapshot);
      bar.value = fraction;
      text.textContent = s.progress(snapshot.step, steps);
      this.#draw(live);
    });
    this.#job = job;
    try {
      const run = await job.done;
      const f = formedBetween(formingCurves(run.snapshots));
      finish(s.done((run.ms / 1000).toFixed(0), f ? s.formed(f.before.step, f.after.step, f.before.induction.toFixed(2), f.after.induction.toFixed(2)) : s.notFormed));
      this.dataset.state = 'done';
    } catch (err) {
      finish(err instanceof TextCancelled ? s.cancelled(err.snapshots.at(-1)?.step ?? 0, steps) : s.failed((err as Error).message));
    }
  }
}

/** Register <text-forming>. */
export function defineTextForming(): void {
  if (!customElements.get('text-forming')) customElements.define('text-forming', TextForming);
}
