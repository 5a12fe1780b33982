// The whole model's backward pass against central finite differences.
import { describe, expect, it } from 'vitest';
import { backward, crossEntropy, forward, initParams, type ModelConfig } from '../../src/training';

const config: ModelConfig = { vocab: 5, seqLen: 6, dModel: 8, h: 2, layers: 2, dHidden: 12, causal: true };
const tokens = [1, 4, 0, 2, 2, 3];
const targets = [-1, 3, 1, 0, 4, 2];
const tokens2 = [3, 3, 1, 0, 4, 2];
const targets2 = [-1, 0, 0, 2, 1, 1];

function lossOf(p: ReturnType<typeof initParams>, mask = [[1, 1], [1, 0.5]]) {
  return crossEntropy(forward(p, config, [tokens, tokens2], mask).logits, [...targets, ...targets2]).loss;
}

describe('model backward pass', () => {
  it('matches finite differences for every parameter (sampled entries) and every ξ, on a packed batch of two', () => {
    const p = initParams(config, 7);
    const mask = [[1, 1], [1, 0.5]];
    const f = forward(p, config, [tokens, tokens2], mask);
    const { dLogits } = crossEntropy(f.logits, [...targets, ...targets2]);
    const g = backward(p, config, f, dLogits);
    const eps = 1e-6;
    for (const [name, m] of Object.entries(p)) {
      for (const [i, j] of [[0, 0], [m.rows - 1, m.columns - 1], [Math.floor(m.rows / 2), Math.floor(m.columns / 3)]]) {
        const old = m.get(i, j);
        m.set(i, j, old + eps);
        const up = lossOf(p, mask);
        m.set(i, j, old - eps);
        const down = lossOf(p, mask);
        m.set(i, j, old);
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(g.params[name].get(i, j) - numeric), `${name}[${i},${j}]`).toBeLessThan(1e-6);
      }
    }
    for (let l = 0; l < 2; l++) {
      for (let h = 0; h < 2; h++) {
        const up = mask.map((r) => [...r]);
        up[l][h] += eps;
        const down = mask.map((r) => [...r]);
        down[l][h] -= eps;
        const numeric = (lossOf(p, up) - lossOf(p, down)) / (2 * eps);
        expect(Math.abs(g.headMask[l][h] - numeric), `ξ[${l}][${h}]`).toBeLessThan(1e-6);
      }
    }
  });
  it('refuses a configuration whose h does not divide d_model', () => {
    expect(() => initParams({ ...config, h: 3 }, 1)).toThrow(/dModel \(8\) must be divisible by h \(3\)/);
  });
});

describe('packed batches', () => {
  it('a batch gives each sequence the logits it gets alone', () => {
    const p = initParams(config, 3);
    const both = forward(p, config, [tokens, tokens2]).logits;
    const one = forward(p, config, [tokens2]).logits;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 5; j++) expect(Math.abs(both.get(6 + i, j) - one.get(i, j))).toBeLessThan(1e-12);
  });
});
