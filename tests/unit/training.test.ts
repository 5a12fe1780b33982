// Tasks, optimiser, training and the lab's head analyses, on a model small enough to train in a test.
import { describe, expect, it } from 'vitest';
import {
  Adam, ablateEach, backward, crossEntropy, dataset, evaluate, forward, fullMask, headImportance, keepOnePerLayer, previousMinusFirst, pruningCurve, targetsFor, train,
  type ModelConfig,
} from '../../src/training';

describe('task: previous minus first', () => {
  const task = previousMinusFirst({ vocab: 5, seqLen: 6 });
  it('is deterministic from a seed and follows its rule', () => {
    expect(dataset(task, 3, 9)).toEqual(dataset(task, 3, 9));
    expect(dataset(task, 3, 9)).not.toEqual(dataset(task, 3, 10));
    expect(targetsFor(task, [3, 1, 4, 0, 0, 2])).toEqual([-1, 0, 3, 1, 2, 2]);
    for (const ex of dataset(task, 20, 1)) expect(ex.targets).toEqual(targetsFor(task, ex.tokens));
  });
});

describe('Adam', () => {
  it('minimises a quadratic', () => {
    const w = Float64Array.from([3, -2]);
    const adam = new Adam({ lr: 0.1 });
    for (let i = 0; i < 300; i++) adam.step(w, w.map((v) => 2 * v)); // ∇(w²) = 2w
    expect(Math.abs(w[0]) + Math.abs(w[1])).toBeLessThan(0.05);
    expect(() => new Adam({ lr: 0 })).toThrow(/learning rate must be positive/);
    expect(() => adam.step(w, new Float64Array(3))).toThrow(/3 gradients for 2 parameters/);
  });
});

describe('training and head analyses', () => {
  const task = previousMinusFirst({ vocab: 5, seqLen: 6 });
  const c: ModelConfig = { vocab: 5, seqLen: 6, dModel: 16, h: 4, layers: 1, dHidden: 32, causal: true };
  const test = dataset(task, 96, 77);
  const run = train(c, task, { steps: 250, batch: 16, lr: 0.02, seed: 2, test, evalEvery: 50 });

  it('learns the task well beyond chance and the same seed gives the same model', () => {
    const last = run.history.at(-1)!.test;
    expect(last.accuracy).toBeGreaterThan(0.8); // chance is 1/5
    const again = train(c, task, { steps: 50, batch: 16, lr: 0.02, seed: 2, test, evalEvery: 50 });
    expect(again.history[0]).toEqual(run.history[0]);
  });

  it('can be cancelled from the progress callback', () => {
    const r = train(c, task, { steps: 200, batch: 4, lr: 0.02, seed: 2, test: test.slice(0, 8), evalEvery: 10, onProgress: (p) => p.step < 20 });
    expect(r.completed).toBe(false);
    expect(r.history.at(-1)!.step).toBe(20);
  });

  it('importance is normalised per layer and some heads matter far more than others', () => {
    const imp = headImportance(run.params, c, test.slice(0, 48));
    expect(Math.hypot(...imp[0])).toBeCloseTo(1, 12);
    const ablated = ablateEach(run.params, c, test);
    const full = evaluate(run.params, c, test);
    const drops = ablated.map((a) => full.accuracy - a.accuracy);
    expect(Math.max(...drops)).toBeGreaterThan(0.2); // a critical head
    expect(Math.min(...drops)).toBeLessThan(0.05); // a redundant one
  });

  it('importance averages each example’s |∂L/∂ξ|, one backward pass per example, not |∂(mean L)/∂ξ| of one batch', () => {
    const examples = test.slice(0, 24);
    const perExample = examples.map((ex) => {
      const f = forward(run.params, c, [ex.tokens], fullMask(c));
      return backward(run.params, c, f, crossEntropy(f.logits, c.vocab, ex.targets).dLogits).headMask[0];
    });
    const normalise = (row: number[]) => row.map((v) => v / Math.hypot(...row));
    const meanAbs = perExample[0].map((_, h) => perExample.reduce((s, g) => s + Math.abs(g[h]), 0) / examples.length);
    headImportance(run.params, c, examples)[0].forEach((v, h) => expect(v).toBeCloseTo(normalise(meanAbs)[h], 12));
    // One batched pass gives the gradient of the mean loss: signed contributions cancel, and
    // its absolute value is a different score (smaller before normalising, for every head).
    const f = forward(run.params, c, examples.map((e) => e.tokens), fullMask(c));
    const batched = backward(run.params, c, f, crossEntropy(f.logits, c.vocab, examples.flatMap((e) => e.targets)).dLogits).headMask[0];
    batched.forEach((g, h) => expect(Math.abs(g)).toBeLessThanOrEqual(meanAbs[h] + 1e-12));
    expect(batched.some((g, h) => Math.abs(g) < 0.9 * meanAbs[h])).toBe(true);
  });

  it('keeping one head per layer, and removing every head, lose accuracy', () => {
    const keep = keepOnePerLayer(run.params, c, test);
    expect(keep).toHaveLength(4);
    const none = evaluate(run.params, c, test, fullMask(c).map((r) => r.map(() => 0)));
    expect(none.accuracy).toBeLessThan(evaluate(run.params, c, test).accuracy - 0.3);
  });

  it('pruning by importance keeps more accuracy than a random order', () => {
    const byImportance = pruningCurve(run.params, c, test, { by: 'importance', scoreSet: test.slice(0, 48) });
    const random = pruningCurve(run.params, c, test, { by: 'random', seed: 4 });
    expect(byImportance.map((p) => p.pruned)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const area = (pts: typeof random) => pts.reduce((s, p) => s + p.accuracy, 0);
    expect(area(byImportance)).toBeGreaterThanOrEqual(area(random));
    expect(byImportance[4].accuracy).toBeCloseTo(random[4].accuracy, 12); // nothing left either way
  });
});
