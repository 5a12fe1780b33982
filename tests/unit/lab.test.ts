// The shipped lab results (content/lab/, written by `npm run lab -- --write`): their
// shape, the properties the lessons rely on, and that retraining reproduces them.
import { describe, expect, it } from 'vitest';
import results from '../../content/lab/results.json';
import checkpoint from '../../content/lab/checkpoint.json';
import { labConfig, labTask, labTestSets, LAB_DEFAULTS, parseCheckpoint, train } from '../../src/training';

const r = results as unknown as {
  settings: typeof LAB_DEFAULTS;
  full: { accuracy: number; loss: number };
  history: { step: number; trainLoss: number; test: { accuracy: number; loss: number } }[];
  ablateOne: { layer: number; head: number; accuracy: number; loss: number }[];
  keepOne: { layer: number; head: number; accuracy: number }[];
  importance: { layer: number; head: number; score: number }[];
  pruning: { importance: { pruned: number; accuracy: number }[]; random: { pruned: number; accuracy: number }[] };
  sweep: { h: number; accuracy: number; loss: number }[];
};
const heads = LAB_DEFAULTS.model.layers * LAB_DEFAULTS.model.h;
const inUnit = (v: number) => v >= 0 && v <= 1;

describe('shipped lab results', () => {
  it('were made with the current defaults and have every part', () => {
    expect(r.settings).toEqual(LAB_DEFAULTS);
    expect(inUnit(r.full.accuracy)).toBe(true);
    for (const part of [r.ablateOne, r.keepOne, r.importance]) expect(part).toHaveLength(heads);
    expect(r.pruning.importance.map((p) => p.pruned)).toEqual(Array.from({ length: heads + 1 }, (_, k) => Number((k / heads).toFixed(6))));
    expect(r.sweep.map((s) => s.h)).toEqual(LAB_DEFAULTS.sweep.hs);
    for (const v of [...r.ablateOne, ...r.keepOne, ...r.sweep, ...r.pruning.importance, ...r.pruning.random].map((x) => x.accuracy)) expect(inUnit(v)).toBe(true);
  });
  it('show what the lessons say: critical and redundant heads, importance beats random, h = 1 is not best', () => {
    const drops = r.ablateOne.map((a) => r.full.accuracy - a.accuracy);
    expect(Math.max(...drops)).toBeGreaterThan(0.3);
    expect(drops.filter((d) => d < 0.02).length).toBeGreaterThanOrEqual(2);
    const area = (pts: { accuracy: number }[]) => pts.reduce((s, p) => s + p.accuracy, 0);
    expect(area(r.pruning.importance)).toBeGreaterThan(area(r.pruning.random));
    // Lesson 7 says the order of importance within each layer is the order of the real losses.
    for (let layer = 0; layer < LAB_DEFAULTS.model.layers; layer++) {
      const byScore = r.importance.filter((x) => x.layer === layer).sort((a, b) => b.score - a.score).map((x) => x.head);
      const byDrop = r.ablateOne.filter((x) => x.layer === layer).sort((a, b) => a.accuracy - b.accuracy).map((x) => x.head);
      expect(byScore, `layer ${layer + 1}`).toEqual(byDrop);
    }
    const best = Math.max(...r.sweep.map((s) => s.accuracy));
    expect(r.sweep[0].accuracy).toBeLessThan(best - 0.2);
  });
  it('retraining with the same seed reproduces the shipped model and curve', () => {
    const task = labTask();
    const run = train(labConfig(), task, { ...LAB_DEFAULTS.train, test: labTestSets().monitor });
    expect(run.history.map((p) => p.step)).toEqual(r.history.map((p) => p.step));
    expect(run.history.length).toBe(LAB_DEFAULTS.train.steps / LAB_DEFAULTS.train.evalEvery);
    run.history.forEach((point, i) => {
      expect(point.step).toBe(r.history[i].step);
      expect(Math.abs(point.test.accuracy - r.history[i].test.accuracy)).toBeLessThan(1e-12);
      expect(Math.abs(point.test.loss - r.history[i].test.loss)).toBeLessThan(1e-9);
    });
    const shipped = parseCheckpoint(checkpoint);
    expect(run.params.flat.length).toBe(shipped.params.flat.length);
    expect(Math.max(...run.params.flat.map((v, k) => Math.abs(v - shipped.params.flat[k])))).toBe(0); // same code, same bits
  }, 180_000);
});

describe('checkpoint loading', () => {
  it('rejects missing and corrupt checkpoints with a clear message', () => {
    const good = checkpoint as { settings: unknown; params: Record<string, number[][]> };
    expect(() => parseCheckpoint(null)).toThrow(/not a JSON object/);
    expect(() => parseCheckpoint({ params: good.params })).toThrow(/no settings/);
    const { tokenEmbedding: _drop, ...missing } = good.params;
    expect(() => parseCheckpoint({ ...good, params: missing })).toThrow(/missing tokenEmbedding/);
    expect(() => parseCheckpoint({ ...good, params: { ...good.params, 'readout.b': [[1, 2]] } })).toThrow(/readout.b should be 1×7/);
    const bad = good.params['layers.0.wq'].map((row) => [...row]);
    (bad[0] as unknown[])[0] = 'x';
    expect(() => parseCheckpoint({ ...good, params: { ...good.params, 'layers.0.wq': bad } })).toThrow(/layers.0.wq holds a value that is not a finite number/);
    const parsed = parseCheckpoint(good).params;
    expect(parsed.layers).toHaveLength(2);
    expect(Array.from(parsed.layers[1].wo.data.subarray(0, 4))).toEqual(good.params['layers.1.wo'][0].slice(0, 4));
  });
});
