// The shipped lab results (content/lab/, written by `npm run lab -- --write`): their
// shape, the properties the lessons rely on, and that retraining reproduces them.
import { describe, expect, it } from 'vitest';
import results from '../../content/lab/results.json';
import checkpoint from '../../content/lab/checkpoint.json';
import { ablateEach, evaluate, headImportance, keepOnePerLayer, labConfig, labTask, labTestSets, labValidationSet, LAB_DEFAULTS, parseCheckpoint, pruningCurve, sweepModel, train } from '../../src/training';

const r = results as unknown as {
  settings: typeof LAB_DEFAULTS;
  full: { accuracy: number; loss: number };
  history: { step: number; trainLoss: number; test: { accuracy: number; loss: number } }[];
  ablateOne: { layer: number; head: number; accuracy: number; loss: number }[];
  keepOne: { layer: number; head: number; accuracy: number }[];
  importance: { layer: number; head: number; score: number }[];
  pruning: { importance: { pruned: number; accuracy: number }[]; random: { pruned: number; accuracy: number }[] };
  sweep: { h: number; seed: number; accuracy: number; loss: number; history: unknown[] }[];
};
const heads = LAB_DEFAULTS.model.layers * LAB_DEFAULTS.model.h;
const inUnit = (v: number) => v >= 0 && v <= 1;

describe('shipped lab results', () => {
  it('were made with the current defaults and have every part', () => {
    expect(r.settings).toEqual(LAB_DEFAULTS);
    expect(inUnit(r.full.accuracy)).toBe(true);
    for (const part of [r.ablateOne, r.keepOne, r.importance]) expect(part).toHaveLength(heads);
    expect(r.pruning.importance.map((p) => p.pruned)).toEqual(Array.from({ length: heads + 1 }, (_, k) => Number((k / heads).toFixed(6))));
    // One model per h and seed: seeds in order, h in order within each seed.
    expect(r.sweep.map((s) => [s.seed, s.h])).toEqual(LAB_DEFAULTS.sweep.seeds.flatMap((seed) => LAB_DEFAULTS.sweep.hs.map((h) => [seed, h])));
    expect(LAB_DEFAULTS.sweep.seeds).toHaveLength(5);
    expect(LAB_DEFAULTS.sweep.seeds).toContain(LAB_DEFAULTS.train.seed);
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
    // Lesson 6: at every seed, h = 1 ends below that seed's best h.
    for (const seed of LAB_DEFAULTS.sweep.seeds) {
      const run = r.sweep.filter((s) => s.seed === seed);
      expect(run.find((s) => s.h === 1)!.accuracy, `seed ${seed}`).toBeLessThan(Math.max(...run.map((s) => s.accuracy)));
    }
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

describe('the importance split', () => {
  it('is seeded, of the set size, and shares no sequence with the test set', () => {
    const validation = labValidationSet();
    expect(validation).toHaveLength(LAB_DEFAULTS.validation.size);
    expect(labValidationSet()).toEqual(validation);
    const test = new Set(labTestSets().test.map((e) => e.tokens.join(',')));
    expect(validation.filter((e) => test.has(e.tokens.join(',')))).toEqual([]);
    // It leaves out test sequences even when its seed would draw them: with the test set's own
    // seed it would draw the test set itself, so it must skip all of those.
    const same = { ...LAB_DEFAULTS, validation: { size: 8, seed: LAB_DEFAULTS.test.seed } };
    expect(labValidationSet(same).some((e) => test.has(e.tokens.join(',')))).toBe(false);
    expect(() => labValidationSet({ ...LAB_DEFAULTS, task: { vocab: 2, seqLen: 2 }, test: { ...LAB_DEFAULTS.test, size: 64 } })).toThrow(/too few distinct sequences/);
  });
});

describe('the shipped checkpoint reproduces its results file', () => {
  const ck = parseCheckpoint(checkpoint);
  const c = labConfig(ck.settings);
  const { test } = labTestSets(ck.settings);
  const validation = labValidationSet(ck.settings);
  const round = (v: number) => Number(v.toFixed(6));

  it('full model, single-head ablations, keep-one and importance (scored on the validation split)', () => {
    expect(ck.settings).toEqual(r.settings);
    expect(evaluate(ck.params, c, test)).toEqual(r.full);
    expect(ablateEach(ck.params, c, test).map(({ layer, head, accuracy, loss }) => ({ layer, head, accuracy: round(accuracy), loss: round(loss) }))).toEqual(r.ablateOne);
    expect(keepOnePerLayer(ck.params, c, test).map(({ layer, head, accuracy }) => ({ layer, head, accuracy: round(accuracy) }))).toEqual(r.keepOne);
    const imp = headImportance(ck.params, c, validation);
    expect(imp.flatMap((row, layer) => row.map((score, head) => ({ layer, head, score: round(score) })))).toEqual(r.importance);
    // Scored on the test set instead, the numbers differ: the results really come from the split.
    const onTest = headImportance(ck.params, c, test.slice(0, validation.length)).flat().map(round);
    expect(onTest).not.toEqual(r.importance.map((x) => x.score));
  }, 60_000);

  it('both pruning curves, measured on the test set', () => {
    const curve = (pts: { pruned: number; accuracy: number }[]) => pts.map(({ pruned, accuracy }) => ({ pruned: round(pruned), accuracy: round(accuracy) }));
    expect(curve(pruningCurve(ck.params, c, test, { by: 'importance', scoreSet: validation }))).toEqual(r.pruning.importance);
    expect(curve(pruningCurve(ck.params, c, test, { by: 'random', seed: ck.settings.randomSeed }))).toEqual(r.pruning.random);
  }, 120_000);

  it('a sweep model at a seed other than the main one', () => {
    const shipped = r.sweep.find((m) => m.h === 2 && m.seed === 4)!;
    const again = sweepModel({ ...LAB_DEFAULTS, train: { ...LAB_DEFAULTS.train, seed: 4 } }, 2);
    expect(again).toEqual(shipped);
  }, 60_000);
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
