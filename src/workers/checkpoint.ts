/**
 * Load the trained lab model in the page: fetch the checkpoint, parse and check it
 * (src/training/checkpoint.ts), and turn every way this can fail into one sentence a
 * reader can act on. Never throws; returns either the checkpoint or the message.
 */
import { parseCheckpoint, type Checkpoint } from '../training';
import { parseTextCheckpoint, type TextSettings } from '../training/text';
import type { ModelParams } from '../training';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
/** Where the site serves the shipped checkpoint (src/pages/lab/checkpoint.json.ts). */
export const CHECKPOINT_URL = `${base}lab/checkpoint.json`;
/** Where the site serves the text model of lesson 10 (src/pages/lab/text-checkpoint.json.ts). */
export const TEXT_CHECKPOINT_URL = `${base}lab/text-checkpoint.json`;

/** A loaded checkpoint, or why there is none. */
export type Load<T> = { ok: true; checkpoint: T } | { ok: false; message: string };
export type CheckpointLoad = Load<Checkpoint>;
/** The text model as its widget uses it. */
export type TextCheckpoint = { settings: TextSettings; params: ModelParams };

const cache = new Map<string, Promise<Load<unknown>>>();

/** Fetch and check the lab checkpoint once per URL; every widget of a page shares the result. */
export function loadCheckpoint(url: string = CHECKPOINT_URL): Promise<CheckpointLoad> {
  return loadOnce(url, parseCheckpoint, 'Rebuild the site, or train the model here.');
}

/** Fetch and check the text model of lesson 10 once per URL. */
export function loadTextCheckpoint(url: string = TEXT_CHECKPOINT_URL): Promise<Load<TextCheckpoint>> {
  return loadOnce(url, parseTextCheckpoint, 'Rebuild the site (npm run build) to put the shipped model back.');
}

function loadOnce<T>(url: string, parse: (json: unknown) => T, advice: string): Promise<Load<T>> {
  let load = cache.get(url) as Promise<Load<T>> | undefined;
  if (!load) {
    load = fetchCheckpoint(url, parse, advice);
    cache.set(url, load);
    // A failed load may succeed later (a flaky connection): do not keep the failure.
    void load.then((r) => { if (!r.ok) cache.delete(url); });
  }
  return load;
}

async function fetchCheckpoint<T>(url: string, parse: (json: unknown) => T, advice: string): Promise<Load<T>> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    return { ok: false, message: `The trained model could not be downloaded from ${url}: check the connection and reload.` };
  }
  if (!response.ok) return { ok: false, message: `The trained model is missing (${url} answered ${response.status}). ${advice}` };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, message: `The trained model at ${url} is not valid JSON: the file is corrupt. ${advice}` };
  }
  try {
    return { ok: true, checkpoint: parse(json) };
  } catch (err) {
    return { ok: false, message: `The trained model at ${url} is corrupt: ${(err as Error).message}. ${advice}` };
  }
}
