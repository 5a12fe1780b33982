/**
 * The ablation lab's shipped data, typed and checked: the results
 * (content/lab/results.json) and the trained model (content/lab/checkpoint.json), both
 * written by `npm run lab -- --write`. The build checks both files before anything reads
 * them (src/build/content-check.ts: results against src/lib/schemas.ts, the checkpoint
 * with parseCheckpoint), so pages, build-time figures and widgets read the same checked data
 * from here and never import content/ themselves. In the page, the widgets fetch the
 * checkpoint from /lab/checkpoint.json (src/workers/checkpoint.ts) instead of bundling it.
 */
import resultsJson from '../../content/lab/results.json';
import checkpointJson from '../../content/lab/checkpoint.json';
import { parseCheckpoint, type Checkpoint } from '../training';
import type { LabResults } from './schemas';

export type { LabResults } from './schemas';

/** The shipped lab results, as `npm run lab -- --json` prints them. */
export const labResults: LabResults = resultsJson;

/** The shipped checkpoint as stored (plain JSON), for serving it at /lab/checkpoint.json. */
export function labCheckpointJson(): unknown {
  return checkpointJson;
}

let checkpoint: Checkpoint | null = null;
/** The shipped trained model, parsed into matrices once. */
export function labCheckpoint(): Checkpoint {
  checkpoint ??= parseCheckpoint(checkpointJson);
  return checkpoint;
}
