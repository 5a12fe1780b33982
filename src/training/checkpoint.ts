import { Matrix } from 'ml-matrix';
import { initParams, type Params } from './model';
import { labConfig, type LabSettings } from './lab';

/** A saved model: the settings it was trained with and its weights. */
export interface Checkpoint {
  settings: LabSettings;
  params: Params;
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
  let expected: Params;
  try {
    expected = initParams(labConfig(settings), 0);
  } catch (err) {
    throw new Error(`the checkpoint's settings are not a valid model: ${(err as Error).message}`);
  }
  const out: Params = {};
  for (const [name, shape] of Object.entries(expected)) {
    const value = params[name];
    if (!Array.isArray(value)) throw new Error(`the checkpoint is missing ${name}`);
    if (value.length !== shape.rows || value.some((r) => !Array.isArray(r) || r.length !== shape.columns)) {
      throw new Error(`${name} should be ${shape.rows}×${shape.columns}`);
    }
    if (value.some((r: unknown[]) => r.some((v) => typeof v !== 'number' || !Number.isFinite(v)))) throw new Error(`${name} holds a value that is not a finite number`);
    out[name] = new Matrix(value as number[][]);
  }
  return { settings, params: out };
}
