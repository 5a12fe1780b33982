// Training in a real Web Worker in Chromium: same numbers as Node, progress, cancel.
import { describe, expect, it } from 'vitest';
import results from '../../content/lab/results.json';
import checkpoint from '../../content/lab/checkpoint.json';
import { LAB_DEFAULTS, labConfig, parameterTotal, parseCheckpoint } from '../../src/training';
import { Cancelled, TrainingJob } from '../../src/workers/client';

const quick = { ...LAB_DEFAULTS, train: { ...LAB_DEFAULTS.train, steps: 50 } };

describe('training in a Web Worker', () => {
  it('gives the same curve as Node for the same seed, with progress', async () => {
    const seen: number[] = [];
    const job = new TrainingJob(quick, (_, fraction) => seen.push(fraction));
    const run = await job.done;
    expect(seen).toEqual([0.5, 1]);
    const shipped = (results as { history: { step: number; test: { accuracy: number; loss: number } }[] }).history;
    expect(run.history.map((p) => p.step)).toEqual([25, 50]); // evaluated every 25 steps, so the loop below compares two points
    run.history.forEach((p, i) => {
      expect(p.step).toBe(shipped[i].step);
      expect(p.test.accuracy).toBe(shipped[i].test.accuracy);
      expect(Math.abs(p.test.loss - shipped[i].test.loss)).toBeLessThan(1e-12);
    });
    expect(run.flat).toHaveLength(parameterTotal(labConfig(quick)));
  }, 60_000);

  it('trains the shipped model bit for bit: same seed, same weights as Node', async () => {
    const run = await new TrainingJob(LAB_DEFAULTS, () => {}).done;
    const shipped = parseCheckpoint(checkpoint).params;
    expect(Array.from(run.flat)).toEqual(Array.from(shipped.flat)); // bit for bit
  }, 120_000);

  it('can be cancelled halfway; the promise says so and keeps the curve so far', async () => {
    let job!: TrainingJob;
    job = new TrainingJob(LAB_DEFAULTS, (point) => {
      if (point.step >= 50) job.cancel();
    });
    const error = await job.done.catch((e) => e);
    expect(error).toBeInstanceOf(Cancelled);
    expect((error as Cancelled).history.at(-1)!.step).toBe(50);
  }, 60_000);

  it('reports bad settings as an error, not a console message', async () => {
    const job = new TrainingJob({ ...LAB_DEFAULTS, model: { ...LAB_DEFAULTS.model, h: 3 } }, () => {});
    await expect(job.done).rejects.toThrow(/dModel \(16\) must be divisible by h \(3\)/);
  }, 30_000);
});
