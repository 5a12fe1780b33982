/** Messages between the page and the training worker. */
import type { LabSettings, TrainPoint } from '../training';

/** Page → worker. */
export type ToWorker = { type: 'train'; id: number; settings: LabSettings; h?: number; layers?: number };

/** Worker → page. */
export type FromWorker =
  | { type: 'progress'; id: number; point: TrainPoint; fraction: number }
  | { type: 'done'; id: number; history: TrainPoint[]; /** The trained model's parameters, end to end (ModelParams.flat). */ flat: Float64Array; ms: number }
  | { type: 'error'; id: number; message: string };
