/**
 * Load the trained lab model in the page: fetch the checkpoint, parse and check it
 * (src/training/checkpoint.ts), and turn every way this can fail into one sentence a
 * reader can act on. Never throws; returns either the checkpoint or the message.
 */
import { parseCheckpoint, type Checkpoint } from '../training';

/** Where the site serves the shipped checkpoint (src/pages/lab/checkpoint.json.ts). */
export const CHECKPOINT_URL = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}lab/checkpoint.json`;

/** A loaded checkpoint, or why there is none. */
export type CheckpointLoad = { ok: true; checkpoint: Checkpoint } | { ok: false; message: string };

const cache = new Map<string, Promise<CheckpointLoad>>();

/** Fetch and check a checkpoint once per URL; every widget of a page shares the result. */
export function loadCheckpoint(url: string = CHECKPOINT_URL): Promise<CheckpointLoad> {
  let load = cache.get(url);
  if (!load) {
    load = fetchCheckpoint(url);
    cache.set(url, load);
    // A failed load may succeed later (a flaky connection): do not keep the failure.
    void load.then((r) => { if (!r.ok) cache.delete(url); });
  }
  return load;
}

async function fetchCheckpoint(url: string): Promise<CheckpointLoad> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    return { ok: false, message: `The trained model could not be downloaded from ${url}: check the connection and reload.` };
  }
  if (!response.ok) return { ok: false, message: `The trained model is missing (${url} answered ${response.status}). Rebuild the site, or train the model here.` };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, message: `The trained model at ${url} is not valid JSON: the file is corrupt. Rebuild the site, or train the model here.` };
  }
  try {
    return { ok: true, checkpoint: parseCheckpoint(json) };
  } catch (err) {
    return { ok: false, message: `The trained model at ${url} is corrupt: ${(err as Error).message}. Rebuild the site, or train the model here.` };
  }
}
