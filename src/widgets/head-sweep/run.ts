/**
 * The sweep as the widget runs it in its Worker: the lab's own `sweepModel` for each h
 * in turn, reporting every evaluation and every finished model. Pure (no DOM, no
 * Worker API), so Node tests run exactly what the Worker runs.
 */
import { sweepModel, type LabSettings, type SweepModel } from '../../training/lab';
import type { TrainPoint } from '../../training/train';

/** Page → worker: train one model per h in `settings.sweep.hs`, in order. */
export interface SweepRequest {
  type: 'sweep';
  id: number;
  settings: LabSettings;
}

/** Worker → page. */
export type SweepMessage =
  | { type: 'progress'; id: number; index: number; h: number; point: TrainPoint }
  | { type: 'model'; id: number; index: number; model: SweepModel; ms: number }
  | { type: 'done'; id: number; ms: number }
  | { type: 'error'; id: number; message: string };

/** The settings of a live run: the shipped run's, with the reader's seed, steps and head counts. */
export function sweepSettings(base: LabSettings, choice: { seed: number; steps: number; hs: readonly number[] }): LabSettings {
  return { ...base, train: { ...base.train, seed: choice.seed, steps: choice.steps }, sweep: { ...base.sweep, hs: [...choice.hs] } };
}

/** Train every model of a sweep request, posting progress; errors are posted, never thrown. */
export function runSweep({ id, settings }: SweepRequest, post: (m: SweepMessage) => void): void {
  try {
    const start = performance.now();
    settings.sweep.hs.forEach((h, index) => {
      const t0 = performance.now();
      const model = sweepModel(settings, h, (point) => post({ type: 'progress', id, index, h, point }));
      post({ type: 'model', id, index, model, ms: performance.now() - t0 });
    });
    post({ type: 'done', id, ms: performance.now() - start });
  } catch (err) {
    post({ type: 'error', id, message: (err as Error).message });
  }
}
