/**
 * The text model's shipped data (lesson 10), typed and checked: the results
 * (content/lab/text/results.json) and the trained model (content/lab/text/checkpoint.json),
 * both written by `npm run lab -- text --write`. The build checks both before anything reads
 * them (src/build/content-check.ts), so build-time figures and widget shells read checked data
 * from here; in the page, the widget fetches the checkpoint from /lab/text-checkpoint.json
 * (src/workers/checkpoint.ts) instead of bundling it.
 */
import resultsJson from '../../content/lab/text/results.json';
import checkpointJson from '../../content/lab/text/checkpoint.json';
import { parseTextCheckpoint, type TextEvaluation, type TextSettings, type TextSnapshot } from '../training/text';
import type { ModelParams } from '../training';

/** What `npm run lab -- text --write` stores in results.json. */
export interface TextResults {
  settings: TextSettings;
  corpus: { name: string; alphabet: string; trainCharacters: number; heldOutCharacters: number; heldOutFiles: string[] };
  training: { seconds: number; cpuSeconds: number; cores: number; steps: number; tokensSeen: number };
  checkpointBytes: number;
  evaluation: TextEvaluation;
  criteria: { name: string; value: number; bound: number; pass: boolean }[];
  snapshots: TextSnapshot[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isGrid = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every((row) => Array.isArray(row) && row.length > 0 && row.every(isNumber));

/**
 * Check the parts of results.json that pages read; throws naming the first field that does
 * not fit (the build stops there instead of a page printing a wrong number).
 */
export function parseTextResults(json: unknown): TextResults {
  const r = json as Partial<TextResults> | null;
  const fail = (path: string): never => { throw new Error(`content/lab/text/results.json: ${path} is missing or not what the lesson reads`); };
  if (!r || typeof r !== 'object') fail('the document');
  const e = r!.evaluation;
  if (!e || typeof e !== 'object') fail('evaluation');
  for (const k of ['heldOutLoss', 'lossFirstRepeat', 'lossSecondRepeat', 'period'] as const) if (!isNumber(e![k])) fail(`evaluation.${k}`);
  for (const k of ['previousTokenScore', 'inductionScore'] as const) if (!isGrid(e![k])) fail(`evaluation.${k}`);
  for (const k of ['previousTokenHeads', 'otherLayer1Heads'] as const) {
    const a = e!.ablation?.[k];
    if (!a || !Array.isArray(a.heads) || !isNumber(a.inductionScore) || !isNumber(a.lossSecondRepeat) || !isNumber(a.gapClosed)) fail(`evaluation.ablation.${k}`);
  }
  if (!r!.training || !isNumber(r!.training.seconds) || !isNumber(r!.training.steps) || !isNumber(r!.training.tokensSeen)) fail('training');
  if (!isNumber(r!.checkpointBytes)) fail('checkpointBytes');
  if (!Array.isArray(r!.snapshots) || r!.snapshots.length < 2) fail('snapshots');
  r!.snapshots!.forEach((s, i) => {
    if (!isNumber(s.step) || !isNumber(s.trainLoss) || !isNumber(s.lossFirstRepeat) || !isNumber(s.lossSecondRepeat) || !isGrid(s.previousTokenScore) || !isGrid(s.inductionScore)) fail(`snapshots[${i}]`);
  });
  if (!Array.isArray(r!.criteria)) fail('criteria');
  return r as TextResults;
}

/** The shipped text-model results. */
export const textResults: TextResults = parseTextResults(resultsJson);

/** The shipped checkpoint as stored (plain JSON), for serving it at /lab/text-checkpoint.json. */
export function textCheckpointJson(): unknown {
  return checkpointJson;
}

let checkpoint: { settings: TextSettings; params: ModelParams } | null = null;
/** The shipped text model, parsed once. */
export function textCheckpoint(): { settings: TextSettings; params: ModelParams } {
  checkpoint ??= parseTextCheckpoint(checkpointJson);
  return checkpoint;
}
