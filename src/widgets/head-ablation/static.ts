/**
 * The widget's default drawing, computed at build time from the shipped checkpoint with
 * the same code the page runs (the page fetches the checkpoint; see src/workers/checkpoint.ts).
 */
import { labCheckpoint, labResults } from '../../lib/lab';
import { firstHeadsRows, labModel, viewFor } from './model';
import { renderCurve } from './render';
import { renderShell } from './shell';
import { DEFAULT_STATE } from './state';

/** The shell for the default state, drawn into `doc`. */
export function staticShell(doc: Document, key: string): DocumentFragment {
  const model = labModel(labCheckpoint());
  return renderShell(doc, key, viewFor(model, DEFAULT_STATE), {
    firstHeads: firstHeadsRows(model),
    curve: renderCurve(doc, labResults.history, null),
  });
}
