// Role scores of attention maps (src/training/roles.ts) on hand-made maps whose answers
// are known, and on the trained model's packed maps (one block per sequence).
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import checkpointJson from '../../content/lab/checkpoint.json';
import {
  attentionMaps, entropy, forward, headKeyProfiles, headRoles, keyProfile, labConfig, labTestSets, meanRoleScores, parseCheckpoint, roleScores, sequenceRoles, topKeys,
} from '../../src/training';

/** Every query on the previous token (query 0 on itself). */
const previousMap = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j === Math.max(0, i - 1) ? 1 : 0)));
/** Every query on key 0. */
const firstMap = (n: number): number[][] => Array.from({ length: n }, () => Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 0)));
/** Every query spread evenly over its i + 1 visible keys. */
const uniformMap = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j <= i ? 1 / (i + 1) : 0)));

describe('entropy', () => {
  it('is 0 on one key and ln k on k equal weights, in nats', () => {
    expect(entropy([0, 1, 0])).toBe(0);
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 12);
    expect(entropy([0.5, 0.5, 0.7], 2)).toBeCloseTo(Math.log(2), 12); // only the first `count` weights
    expect(entropy([0.9, 0.1])).toBeCloseTo(-(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)), 12);
  });
});

describe('roleScores', () => {
  it('a one-hot previous-token map: previous 1, first 1/(n−1) (query 1’s previous is the first), entropy 0', () => {
    for (const n of [2, 5, 8]) {
      const r = roleScores(previousMap(n));
      expect(r.previous).toBe(1);
      expect(r.first).toBeCloseTo(1 / (n - 1), 12);
      expect(r.entropy).toBe(0);
      expect(r.normalizedEntropy).toBe(0);
    }
    expect(roleScores(previousMap(5)).first).toBe(0.25); // the lesson's exercise l8-overlap
  });

  it('a first-token map: first 1, previous 1/(n−1)', () => {
    const r = roleScores(firstMap(8));
    expect(r.first).toBe(1);
    expect(r.previous).toBeCloseTo(1 / 7, 12);
    expect(r.entropy).toBe(0);
  });

  it('a uniform map: query i has entropy ln(i+1), so the spread is exactly 1', () => {
    const n = 6;
    const r = roleScores(uniformMap(n));
    let mean = 0;
    for (let i = 1; i < n; i++) mean += Math.log(i + 1) / (n - 1);
    expect(r.entropy).toBeCloseTo(mean, 12);
    expect(r.normalizedEntropy).toBeCloseTo(1, 12);
    let previous = 0;
    for (let i = 1; i < n; i++) previous += 1 / (i + 1) / (n - 1);
    expect(r.previous).toBeCloseTo(previous, 12);
    expect(r.first).toBeCloseTo(previous, 12); // uniform: key 0 and key i−1 get the same weight
  });

  it('ignores query 0 (it has one key) and takes Matrix or arrays alike', () => {
    const a = previousMap(4);
    const b: number[][] = previousMap(4).map((row) => [...row]);
    b[0] = [0.3, 0, 0, 0]; // row 0 is never read: any value there gives the same scores
    expect(roleScores(new Matrix(a))).toEqual(roleScores(b));
    b[2] = [0, 0, 1, 0]; // a scored row is read
    expect(roleScores(b).previous).toBeCloseTo(2 / 3, 12);
    const mixed = [[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]];
    expect(roleScores(mixed)).toMatchObject({ previous: (0.5 + 0.3) / 2, first: (0.5 + 0.2) / 2 });
  });

  it('refuses maps it cannot score, saying why', () => {
    expect(() => roleScores([[1]])).toThrow(/at least 2 queries/);
    expect(() => roleScores([[1, 0], [0.5, 0.5, 0]])).toThrow(/square.*row 1 has 3 weights for 2 queries/);
    expect(() => roleScores([[0.5, 0.5], [0.5, 0.5]])).toThrow(/not causal: query 0 puts 0.5 on the later key 1/);
  });
});

describe('topKeys', () => {
  it('lists the heaviest visible keys first, ties to the earlier key, at most i + 1 per query', () => {
    const map = [[1, 0, 0, 0], [0.4, 0.6, 0, 0], [0.3, 0.3, 0.4, 0], [0.1, 0.5, 0.1, 0.3]];
    expect(topKeys(map, 3)).toEqual([
      [{ key: 0, weight: 1 }],
      [{ key: 1, weight: 0.6 }, { key: 0, weight: 0.4 }],
      [{ key: 2, weight: 0.4 }, { key: 0, weight: 0.3 }, { key: 1, weight: 0.3 }],
      [{ key: 1, weight: 0.5 }, { key: 3, weight: 0.3 }, { key: 0, weight: 0.1 }],
    ]);
    expect(topKeys(previousMap(5), 1).map((r) => r[0].key)).toEqual([0, 0, 1, 2, 3]);
    expect(() => topKeys(map, 0)).toThrow(/k must be a whole number ≥ 1/);
  });
});

describe('keyProfile and meanRoleScores', () => {
  it('a profile sums to 1 and shows where the weight sits by position', () => {
    const p = keyProfile(firstMap(5));
    expect(p).toEqual([1, 0, 0, 0, 0]);
    const q = keyProfile(previousMap(5));
    expect(q).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
    expect(keyProfile(uniformMap(7)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('averages field by field, and refuses an empty list', () => {
    const a = roleScores(previousMap(5));
    const b = roleScores(firstMap(5));
    expect(meanRoleScores([a, b])).toEqual({ previous: 0.625, first: 0.625, entropy: 0, normalizedEntropy: 0 });
    expect(() => meanRoleScores([])).toThrow(/at least one/);
  });
});

describe('the trained model', () => {
  const ck = parseCheckpoint(checkpointJson);
  const config = labConfig(ck.settings);
  const sequences = labTestSets(ck.settings).test.slice(0, 12).map((e) => e.tokens);

  it('scores each packed sequence on its own: the batch mean equals the mean of single runs', () => {
    const batch = sequenceRoles(ck.params, config, sequences);
    const single = sequences.map((s) => sequenceRoles(ck.params, config, [s]));
    for (let l = 0; l < config.layers; l++) {
      for (let h = 0; h < config.h; h++) {
        const expected = meanRoleScores(single.map((r) => r[l][h]));
        for (const [name, v] of Object.entries(expected)) expect(batch[l][h][name as keyof typeof expected]).toBeCloseTo(v, 12);
      }
    }
  });

  it('a single run’s scores are those of its (n, n) maps', () => {
    const f = forward(ck.params, config, [sequences[0]]);
    const roles = headRoles(f);
    expect(roles[1][2]).toEqual(roleScores(attentionMaps(f, 1, 2)));
    const profiles = headKeyProfiles(f);
    expect(profiles[0][3]).toEqual(keyProfile(attentionMaps(f, 0, 3)));
    expect(profiles).toHaveLength(config.layers);
  });
});
