/**
 * The widget's default drawing, computed at build time from the shipped checkpoint with
 * the same code the page runs. Imported by HeadAblation.astro only, so the weights never
 * enter the page's script (the page fetches them; see src/workers/checkpoint.ts).
 */
import checkpoint from '../../../content/lab/checkpoint.json';
import { labResults } from '../../lib/lab';
import { parseCheckpoint } from '../../training';
import { firstHeadsRows, labModel, viewFor } from './model';
import { renderCurve } from './render';
import { renderShell } from './shell';
import { DEFAULT_STATE } from './state';

/** The shell for the default state, drawn into `doc`. */
export function staticShell(doc: Document, key: string): DocumentFragment {
  const model = labModel(parseCheckpoint(checkpoint));
  return renderShell(doc, key, viewFor(model, DEFAULT_STATE), {
    firstHeads: firstHeadsRows(model),
    curve: renderCurve(doc, labResults.history, null),
  });
}
