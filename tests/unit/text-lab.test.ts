// The shipped text model (content/lab/text/, written by `npm run lab -- text --write`):
// the checkpoint reproduces its results file, the results meet the criteria of issue 13,
// and the evaluation command prints the documented keys. No training here.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { circuitCriteria, evaluateTextModel, parseTextCheckpoint, TEXT_DEFAULTS, textConfig, type Criterion, type TextEvaluation, type TextSnapshot } from '../../src/training/text';
import { loadBrown } from '../../scripts/brown';

const DIR = 'content/lab/text';
const results = JSON.parse(readFileSync(`${DIR}/results.json`, 'utf8')) as {
  settings: typeof TEXT_DEFAULTS;
  checkpointBytes: number;
  evaluation: TextEvaluation;
  criteria: Criterion[];
  snapshots: TextSnapshot[];
  training: { steps: number; seconds: number };
};
const checkpoint = parseTextCheckpoint(JSON.parse(readFileSync(`${DIR}/checkpoint.json`, 'utf8')));

describe('shipped text model', () => {
  it('was trained with the current defaults, and its checkpoint is at most 4 MB', () => {
    expect(checkpoint.settings).toEqual(TEXT_DEFAULTS);
    expect(results.settings).toEqual(TEXT_DEFAULTS);
    const bytes = statSync(`${DIR}/checkpoint.json`).size;
    expect(bytes).toBe(results.checkpointBytes);
    expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('reproduces its results file: evaluated at the stored seed, every number is the same', () => {
    const s = checkpoint.settings;
    const corpus = loadBrown(s.heldOutEvery);
    const e = evaluateTextModel(checkpoint.params, textConfig(s), corpus.heldOut, {
      seed: results.evaluation.seed, windows: s.evaluation.windows, repeats: s.evaluation.repeats, threshold: s.previousTokenThreshold,
    });
    expect(e).toEqual(results.evaluation);
  }, 180_000);

  it('shows the circuit: every criterion of issue 13 passes, as recomputed from the evaluation', () => {
    const criteria = circuitCriteria(results.evaluation);
    expect(criteria).toEqual(results.criteria);
    expect(criteria.filter((c) => !c.pass).map((c) => c.name)).toEqual([]);
  });

  it('has snapshots along training for the "watch it form" chart', () => {
    const { layers, h } = results.settings.model;
    const steps = results.snapshots.map((s) => s.step);
    expect(steps.at(-1)).toBe(results.settings.train.steps);
    expect(steps.every((v, i) => i === 0 || v > steps[i - 1])).toBe(true);
    for (const s of results.snapshots) {
      for (const m of [s.previousTokenScore, s.inductionScore]) {
        expect(m).toHaveLength(layers);
        for (const row of m) expect(row.every((v) => v >= 0 && v <= 1) && row.length === h).toBe(true);
      }
      expect(s.lossFirstRepeat).toBeGreaterThan(0);
    }
  });
});

describe('npm run lab -- text --evaluate --seed N --json', () => {
  it('prints one JSON document with the documented keys, on sequences drawn from N', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', 'text', '--evaluate', '--seed', '5', '--json'], { encoding: 'utf8', timeout: 170_000 });
    expect(run.status, run.stderr).toBe(0);
    const e = JSON.parse(run.stdout) as TextEvaluation;
    expect(e.seed).toBe(5);
    for (const key of ['previousTokenScore', 'inductionScore'] as const) {
      expect(e[key]).toHaveLength(results.settings.model.layers);
      expect(e[key][0]).toHaveLength(results.settings.model.h);
    }
    for (const key of ['lossFirstRepeat', 'lossSecondRepeat', 'heldOutLoss'] as const) expect(Number.isFinite(e[key])).toBe(true);
    for (const key of ['previousTokenHeads', 'otherLayer1Heads'] as const) {
      expect(Object.keys(e.ablation[key]).sort()).toEqual(['gapClosed', 'heads', 'inductionScore', 'lossSecondRepeat']);
    }
    expect(e.heldOutLoss).not.toBe(results.evaluation.heldOutLoss); // fresh windows, not the stored ones
  }, 180_000);

  it('refuses a bad seed with a message', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', 'text', '--evaluate', '--seed', 'abc'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--seed takes a whole number/);
  }, 70_000);
});
