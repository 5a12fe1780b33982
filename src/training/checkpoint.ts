import { initParams } from './model';
import { labConfig, type LabSettings } from './lab';
import { allocateParams, namedWeights, parameterTotal, toArrays, type ModelParams } from './params';

/** A saved model: the settings it was trained with and its weights. */
export interface Checkpoint {
  settings: LabSettings;
  params: ModelParams;
}

/** The JSON form of a checkpoint: settings, and every matrix as nested arrays under its dotted name. */
export interface CheckpointJson {
  settings: LabSettings;
  params: Record<string, number[][]>;
}

/** A checkpoint as JSON-ready data (see {@link parseCheckpoint} for the way back). */
export function checkpointJson(settings: LabSettings, params: ModelParams): CheckpointJson {
  return { settings, params: Object.fromEntries(namedWeights(params).map(([name, w]) => [name, toArrays(w)])) };
}

/**
 * Read a checkpoint (as parsed JSON) and check every matrix against the shapes its
 * settings imply. Throws an Error that says what is wrong, so a missing or corrupt
 * file is reported, never half-loaded.
 */
export function parseCheckpoint(json: unknown): Checkpoint {
  if (typeof json !== 'object' || json === null) throw new Error('the checkpoint is not a JSON object');
  const { settings, params } = json as { settings?: LabSettings; params?: Record<string, unknown> };
  if (!settings || typeof settings !== 'object' || !settings.model || !settings.task) throw new Error('the checkpoint has no settings (model and task)');
  if (!params || typeof params !== 'object') throw new Error('the checkpoint has no params');
  let out: ModelParams;
  try {
    const config = labConfig(settings);
    initParams(config, 0); // checks the configuration, with messages that say what is wrong
    out = allocateParams(config, new Float64Array(parameterTotal(config)));
  } catch (err) {
    throw new Error(`the checkpoint's settings are not a valid model: ${(err as Error).message}`);
  }
  for (const [name, w] of namedWeights(out)) {
    const value = params[name];
    if (!Array.isArray(value)) throw new Error(`the checkpoint is missing ${name}`);
    if (value.length !== w.rows || value.some((r) => !Array.isArray(r) || r.length !== w.columns)) {
      throw new Error(`${name} should be ${w.rows}×${w.columns}`);
    }
    value.forEach((r: unknown[], i) => r.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} holds a value that is not a finite number`);
      w.data[i * w.columns + j] = v;
    }));
  }
  return { settings, params: out };
}
