// The shipped text model (content/lab/text/, written by `npm run lab -- text --write`):
// the checkpoint reproduces its results file, the results meet the criteria of issue 13,
// and the evaluation command prints the documented keys. No training here.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { circuitCriteria, parseTextCheckpoint, TEXT_DEFAULTS, type Criterion, type TextEvaluation, type TextSnapshot } from '../../src/training/text';

/**
 * Run `npm run lab -- text …` (as `node --import tsx scripts/lab.ts text …`) in a child
 * process, asynchronously, so this worker stays responsive while it works.
 */
function lab(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', 'text', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

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

// Both evaluations start at once, in child processes.
let stored: ReturnType<typeof lab>;
let fresh: ReturnType<typeof lab>;
beforeAll(() => {
  stored = lab(['--evaluate', '--seed', String(results.evaluation.seed), '--json']);
  fresh = lab(['--evaluate', '--seed', '5', '--json']);
});

describe('shipped text model', () => {
  it('was trained with the current defaults, and its checkpoint is at most 4 MB', () => {
    expect(checkpoint.settings).toEqual(TEXT_DEFAULTS);
    expect(results.settings).toEqual(TEXT_DEFAULTS);
    const bytes = statSync(`${DIR}/checkpoint.json`).size;
    expect(bytes).toBe(results.checkpointBytes);
    expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('reproduces its results file: evaluated at the stored seed, every number is the same', async () => {
    const run = await stored;
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(results.evaluation);
  }, 300_000);

  it('records the criteria of issue 13 as recomputed from its evaluation', () => {
    expect(circuitCriteria(results.evaluation)).toEqual(results.criteria);
  });

  // Issue 13's criteria: a layer-1 previous-token head, a last-layer induction head, a
  // second copy at least 1 nat easier, and the ablations that tie the two together.
  it('meets every criterion of the circuit: previous-token head, induction head, and the ablations', () => {
    expect(results.criteria.filter((c) => !c.pass).map((c) => c.name)).toEqual([]);
    expect(results.criteria).toHaveLength(9);
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
  it('prints one JSON document with the documented keys, on sequences drawn from N', async () => {
    const run = await fresh;
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
  }, 300_000);

  it('refuses a bad seed with a message', async () => {
    const run = await lab(['--evaluate', '--seed', 'abc']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--seed takes a whole number/);
  }, 120_000);
});
