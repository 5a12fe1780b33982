/**
 * The trained model as the head-maps widget uses it: built from a checkpoint (fetched in
 * the page, imported at build time), checked against what the page was built for, and
 * scored over the held-out set in small slices so the page stays responsive. No DOM.
 */
import { labConfig, labTask, labTestSets, ROLE_NAMES, sequenceRoles, type Checkpoint, type RoleScores } from '../../training';
import { t } from '../../i18n/strings';
import type { HeadMapsModel } from './render';
import { LIMITS } from './state';

/** A model for the widget, or the sentence that says why this checkpoint will not do. */
export function modelFromCheckpoint(ck: Checkpoint, heldOut: RoleScores[][] | null = null): { ok: true; model: HeadMapsModel } | { ok: false; message: string } {
  const config = labConfig(ck.settings);
  const describe = (c: { vocab: number; seqLen: number; layers: number; h: number }) => `${c.layers} layers × ${c.h} heads over tokens 0–${c.vocab - 1}, ${c.seqLen} per sequence`;
  const expected = { vocab: LIMITS.vocab, seqLen: LIMITS.maxTokens, layers: LIMITS.layers, h: LIMITS.heads };
  if (config.vocab !== expected.vocab || config.seqLen !== expected.seqLen || config.layers !== expected.layers || config.h !== expected.h) {
    return { ok: false, message: t.looking.mismatch(describe(config), describe(expected)) };
  }
  return { ok: true, model: { params: ck.params, config, task: labTask(ck.settings), heldOut, heldOutSize: ck.settings.test.size } };
}

/** Sequences scored per slice: one slice fits well within a frame. */
export const SLICE = 16;

/**
 * Role scores of every head averaged over the checkpoint's held-out set, computed a slice
 * at a time with a pause between slices (`pause`, by default a macrotask), reporting
 * progress. Each slice's mean is weighted by its size, so the result is the mean over all
 * sequences.
 */
export async function scoreHeldOut(model: HeadMapsModel, settings: Checkpoint['settings'], onProgress: (done: number, total: number) => void = () => {},
  pause: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<RoleScores[][]> {
  const tokens = labTestSets(settings).test.map((e) => e.tokens);
  const slices: { roles: RoleScores[][]; size: number }[] = [];
  for (let start = 0; start < tokens.length; start += SLICE) {
    const part = tokens.slice(start, start + SLICE);
    slices.push({ roles: sequenceRoles(model.params, model.config, part), size: part.length });
    onProgress(Math.min(start + SLICE, tokens.length), tokens.length);
    await pause();
  }
  return slices[0].roles.map((layer, l) => layer.map((_, hd) => weightedMean(slices.map((sl) => ({ r: sl.roles[l][hd], w: sl.size })))));
}

/** The mean of role scores, each counted `w` times. */
function weightedMean(items: readonly { r: RoleScores; w: number }[]): RoleScores {
  const total = items.reduce((a, b) => a + b.w, 0);
  const out: RoleScores = { previous: 0, first: 0, entropy: 0, normalizedEntropy: 0 };
  for (const { r, w } of items) for (const name of ROLE_NAMES) out[name] += (r[name] * w) / total;
  return out;
}
